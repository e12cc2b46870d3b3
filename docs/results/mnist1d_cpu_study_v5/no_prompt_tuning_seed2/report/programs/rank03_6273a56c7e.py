# rank 3 of no_prompt_tuning run no_prompt_tuning_seed2: 250 params, val 0.8710, test 0.8640, fitness -32.25
# round 4, origin lm; parents: 6b7bb3a63028c72ec95d7ce3198ac81e839f809c963db2cc540138b92c79e3fb, ad21003b3b32d7275b3da62ce06650c02fefe66e38687ca38a709c96f44602cf
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
