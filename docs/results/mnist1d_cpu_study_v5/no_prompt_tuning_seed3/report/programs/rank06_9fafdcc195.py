# rank 6 of no_prompt_tuning run no_prompt_tuning_seed3: 202 params, val 0.8120, test 0.7845, fitness -37.98
# round 3, origin lm; parents: 79d51f840316b2239cc5a5bc511287889f1a23b60b170ba9e256edbc1a9ac392, 4c6f180f45daa11ad1267587b0b0221292c81bd81bc23e5991b0420968d717af
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
