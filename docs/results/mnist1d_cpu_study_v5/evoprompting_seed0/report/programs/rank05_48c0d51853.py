# rank 5 of evoprompting run evoprompting_seed0: 178 params, val 0.7330, test 0.7035, fitness -47.53
# round 4, origin lm; parents: 9398cc53a6d3d8f8e4f96074dde48097e2cab43fc585b64756bc08e51c111dd0, 21e715cb502ca12187a32b675dc4b674b89590a4b28a92ef4f50ece4591ddc71
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 4

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=0)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
