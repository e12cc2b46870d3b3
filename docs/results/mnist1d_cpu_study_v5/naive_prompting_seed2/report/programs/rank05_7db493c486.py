# rank 5 of naive_prompting run naive_prompting_seed2: 1,090 params, val 0.9240, test 0.9330, fitness -82.84
# round 1, origin lm; parents: 5d008bde918ed72f75ab5f53bf168ec90bd6e8da5d848535da5a02c52bd17ece, 6f440c165ac4e332b2fce28bb906fca4cf82b47ec42191c4444e0e9f07ad37b6
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
