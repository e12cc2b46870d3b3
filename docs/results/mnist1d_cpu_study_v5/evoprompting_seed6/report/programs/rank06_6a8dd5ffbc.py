# rank 6 of evoprompting run evoprompting_seed6: 90 params, val 0.5600, test 0.5695, fitness -39.60
# round 4, origin lm; parents: c974fe8ff930c5ddad17fefcc9803de34eb6d99b19dc0333e6a47013fbac60bd, a86187f438cea1ed02fc02465d276085002186e15c1cff6673905baedd375086
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=5, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
