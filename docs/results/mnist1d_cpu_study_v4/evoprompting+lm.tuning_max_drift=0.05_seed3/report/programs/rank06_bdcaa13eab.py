# rank 6 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed3: 178 params, val 0.6680, test 0.6535, fitness -59.10
# round 3, origin lm; parents: 74c42f76263cf84eb10c80abc6f15ec51f65490da28378666118b78454dcfb67, 13219f07204cf054c88c8b94fcbcd6a0e0434a0c756d89e63336c382a435e216
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
