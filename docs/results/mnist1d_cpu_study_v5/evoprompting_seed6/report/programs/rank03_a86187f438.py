# rank 3 of evoprompting run evoprompting_seed6: 280 params, val 0.8700, test 0.8670, fitness -36.40
# round 3, origin lm; parents: 1ee7a54405afeb296a4965473b89a256b421caec699bf309f4807470cf4c26d4, 5d96430afa4b5b4bfb40aa25b671bfb94ed219e38196f4ae9a97ef48a7eb0a9b
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=15, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
