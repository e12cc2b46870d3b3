# rank 2 of evoprompting run evoprompting_seed1: 448 params, val 0.9060, test 0.8935, fitness -42.11
# round 4, origin lm; parents: 8f6ad5725fdd01c4e4fe1f7196163f3b0a5a704a7aa9eff8e1fc56179b579edc, a10ce3ebef5130f82b1bb440df0f795214e5249c67931341b0b6081e69f835dd
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
