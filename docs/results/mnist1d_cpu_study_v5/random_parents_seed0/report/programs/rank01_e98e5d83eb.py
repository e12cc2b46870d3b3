# rank 1 of random_parents run random_parents_seed0: 586 params, val 0.9190, test 0.9020, fitness -47.47
# round 2, origin lm; parents: 4401f65b77cd29d5ca4b0852a0223ab782ad5c314c03f1d5eac180ffa5efc8b3, fdd0645e14f63e3f2d63d975ebb78e8d4d1e2eb9cf663dbfbbe60141882f4df9
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = nn.LayerNorm()(x)
        return nn.Dense(features=10)(x)
