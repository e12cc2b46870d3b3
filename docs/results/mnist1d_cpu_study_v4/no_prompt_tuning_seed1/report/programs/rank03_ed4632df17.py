# rank 3 of no_prompt_tuning run no_prompt_tuning_seed1: 226 params, val 0.8250, test 0.8080, fitness -39.55
# round 3, origin lm; parents: 6776b2dcd1ca41e5345c71ce6ad26919821b4bf0ccc0226905882d1a3bae6865, 47e556eeb69d1f8d53e860d558d73b8009a0e7e31387381f7ba6b2b62650e213
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
