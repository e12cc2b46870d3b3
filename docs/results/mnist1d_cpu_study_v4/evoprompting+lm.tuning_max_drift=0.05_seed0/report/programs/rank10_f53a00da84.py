# rank 10 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed0: 178 params, val 0.7080, test 0.6800, fitness -51.98
# round 4, origin lm; parents: a5e5704094d3d7627cd0f57a3d814025a8f03ec96293cb273ae2e698f451bf39, 4fcb25e32c6a67c2afcd9a2270bc7abb512c34534298212cea944447e64fc0b3
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
