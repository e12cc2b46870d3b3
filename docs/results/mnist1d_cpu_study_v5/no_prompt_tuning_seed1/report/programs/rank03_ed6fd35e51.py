# rank 3 of no_prompt_tuning run no_prompt_tuning_seed1: 226 params, val 0.8470, test 0.8305, fitness -34.58
# round 3, origin lm; parents: 044e37c3affb3f704b7fd9f3d32d540e2df407bcd15261041e6e693ead5f39ec, 5a89764095d81a08f9b4f5b46734ad3895be6ea23db6e4c7bf680feba3ef4245
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
