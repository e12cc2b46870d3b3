# rank 2 of evoprompting run evoprompting+lm.tune=lora_seed1: 436 params, val 0.8600, test 0.8495, fitness -61.04
# round 3, origin lm; parents: b04dc8ccdb54409f4862674876aa1d5bbc06f95340ddc2ff0a1784bbcc46f13e, 59ed74b394c461e18b8024e3d6d9171cd29bcb60c788ead1df58b05f14511d52
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
