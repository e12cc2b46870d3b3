# rank 6 of evoprompting run evoprompting_seed2: 90 params, val 0.5100, test 0.4840, fitness -44.10
# round 4, origin lm; parents: 8cf10e9bc1fe08a622921032af391a432094d550f16e029a684a8792056a6ac9, 4ba88df42a289e7d8d6e1aca35561f7a557c2bdd5c006b3006747d554aaa30bd
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=5, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
