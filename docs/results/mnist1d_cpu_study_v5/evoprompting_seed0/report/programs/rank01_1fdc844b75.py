# rank 1 of evoprompting run evoprompting_seed0: 202 params, val 0.8330, test 0.7995, fitness -33.73
# round 4, origin lm; parents: 6f038b9001702f6251a5349c043ad0b8dae4d467d2d6730dc249bc2614da56b2, 21e715cb502ca12187a32b675dc4b674b89590a4b28a92ef4f50ece4591ddc71
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 5

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=0)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
