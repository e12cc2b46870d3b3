# rank 7 of evoprompting run evoprompting_seed0: 522 params, val 0.8910, test 0.8725, fitness -56.90
# round 3, origin lm; parents: 055ff1eb9eb363aeebc1a8273eb2de45858614dd5358745c1e8c42d6f430529c, f98e2453dc071f46af7d1484097a457addc8dabfafe865dd2241da9c1ca686bd
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 8

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
