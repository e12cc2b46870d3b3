# rank 1 of evoprompting run mnist1d_cpu: 5,210 params, val 0.9010, test 0.9080, fitness -515.79
# seed, origin seed cnn; parents: -
"""Seed 1: the Greydanus MNIST-1D CNN (three strided convolutions, a linear head): 5,210 parameters."""

import flax.linen as nn


class Model(nn.Module):
    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]  # [batch, 40, 1]: one input channel
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
