# rank 8 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed0: 136 params, val 0.6230, test 0.6240, fitness -51.27
# round 4, origin lm; parents: 4fcb25e32c6a67c2afcd9a2270bc7abb512c34534298212cea944447e64fc0b3, 9e266a920031d5fb9f83bb53ea31e23f58e679032fdcbb8598311fe7e35083ad
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=9, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
