# rank 9 of no_prompt_tuning run no_prompt_tuning_seed2: 718 params, val 0.9460, test 0.9405, fitness -38.77
# round 4, origin lm; parents: ac31ebd310465dc1897d4241d0c73528463c70e958020a5ddf2590567626587f, ad21003b3b32d7275b3da62ce06650c02fefe66e38687ca38a709c96f44602cf
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='VALID')(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
