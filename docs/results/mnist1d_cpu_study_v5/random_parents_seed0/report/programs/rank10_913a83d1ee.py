# rank 10 of random_parents run random_parents_seed0: 458 params, val 0.7860, test 0.7690, fitness -98.01
# round 2, origin lm; parents: fdd0645e14f63e3f2d63d975ebb78e8d4d1e2eb9cf663dbfbbe60141882f4df9, accd29cbd2a35ae093fd60d642bb4ecc2b982c19a2c9fdee2791bb7a5e522f4f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
