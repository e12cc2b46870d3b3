# rank 3 of evoprompting run evoprompting+parent_choice=pareto_seed1: 322 params, val 0.8000, test 0.7885, fitness -64.40
# round 3, origin lm; parents: 59ed74b394c461e18b8024e3d6d9171cd29bcb60c788ead1df58b05f14511d52, b04dc8ccdb54409f4862674876aa1d5bbc06f95340ddc2ff0a1784bbcc46f13e
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
