# rank 10 of naive_prompting run naive_prompting_seed2: 1,774 params, val 0.8730, test 0.8625, fitness -225.30
# round 1, origin lm; parents: 61b0e8a916995a7a2f4b783df3ae5a11b28d14aa38e6782b9b42dd03f2318591, 6f440c165ac4e332b2fce28bb906fca4cf82b47ec42191c4444e0e9f07ad37b6
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
