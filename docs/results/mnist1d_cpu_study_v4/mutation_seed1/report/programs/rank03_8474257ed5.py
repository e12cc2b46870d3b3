# rank 3 of mutation run mutation_seed1: 2,310 params, val 0.9250, test 0.9160, fitness -173.25
# round 3, origin mutation: crossover: first 4 statements + second from statement 6; parents: bb514058ad3cff9175a24eaa700927806e706259f73389a96154a0d3240c47e5, 256c884b5eef52338cf642be2f20e258fdc1c33fc8291e86fc91e6255df02640
import jax.numpy as jnp
import flax.linen as nn

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.elu(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
