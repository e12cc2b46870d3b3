# rank 5 of no_prompt_tuning run no_prompt_tuning_seed3: 226 params, val 0.8330, test 0.8195, fitness -37.74
# round 3, origin lm; parents: 0e5cf2acaf49b69a8d68a6a2f4e5bdbc2093b9c9e0117a0174f42b39fa7420c3, 4c6f180f45daa11ad1267587b0b0221292c81bd81bc23e5991b0420968d717af
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
