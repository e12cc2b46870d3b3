# rank 10 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed2: 202 params, val 0.7400, test 0.7205, fitness -52.52
# round 4, origin lm; parents: 94d642ba5b42838a3fa547d7c124bb2809764ce02d612003ffd213f198ef0a0d, bdcaa13eabbec74d573f4d14ec81bb6877c0023560ca8884b13dcbcbe642173f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
