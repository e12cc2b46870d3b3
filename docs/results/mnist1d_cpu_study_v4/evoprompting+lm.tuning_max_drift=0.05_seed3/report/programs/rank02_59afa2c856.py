# rank 2 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed3: 178 params, val 0.7160, test 0.6930, fitness -50.55
# round 4, origin lm; parents: bdcaa13eabbec74d573f4d14ec81bb6877c0023560ca8884b13dcbcbe642173f, 4fcb25e32c6a67c2afcd9a2270bc7abb512c34534298212cea944447e64fc0b3
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
