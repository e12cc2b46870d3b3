# rank 9 of evoprompting run evoprompting+lm.tune=lora_seed1: 676 params, val 0.8550, test 0.8395, fitness -98.02
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
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
