# rank 2 of no_prompt_tuning run no_prompt_tuning_seed0: 458 params, val 0.8350, test 0.8140, fitness -75.57
# round 4, origin lm; parents: 913a83d1ee428e1a9932c1b43dc50a7405afd4ea30514ae411f61c6c7175b3ab, d53aeac26dc94b4e072e430c58e703a94180e0c26622344ab3fc5134a27067fa
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
