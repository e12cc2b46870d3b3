# rank 5 of evoprompting run evoprompting+parent_choice=pareto_seed2: 442 params, val 0.8690, test 0.8625, fitness -57.90
# round 4, origin lm; parents: 13219f07204cf054c88c8b94fcbcd6a0e0434a0c756d89e63336c382a435e216, 0349260c2c5e36f128d57302cf2a681623939a2ae76c58efcb73fd78b6f9f48a
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=24, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
