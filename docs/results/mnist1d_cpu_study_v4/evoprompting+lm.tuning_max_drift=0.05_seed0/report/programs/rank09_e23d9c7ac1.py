# rank 9 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed0: 202 params, val 0.7440, test 0.7390, fitness -51.71
# round 4, origin lm; parents: f2b3bd816be0d0a287cf7429a65eb135bc138a4a7555aa513fb0268511245f54, 9e266a920031d5fb9f83bb53ea31e23f58e679032fdcbb8598311fe7e35083ad
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
