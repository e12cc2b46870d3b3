# rank 8 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed3: 178 params, val 0.6490, test 0.6170, fitness -62.48
# round 3, origin lm; parents: bc37a493a2d6fa90a1f37833322cf5f5b847b09bb7717740241a7e1778f6a40f, 13219f07204cf054c88c8b94fcbcd6a0e0434a0c756d89e63336c382a435e216
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
