"""Seed 4: the residual MLP: Dense(100) -> ReLU -> residual [Dense(100) -> ReLU] -> Dense(10): 15,210 parameters."""

import flax.linen as nn


class Model(nn.Module):
    @nn.compact
    def __call__(self, x):
        x = nn.relu(nn.Dense(features=100)(x))
        x = x + nn.relu(nn.Dense(features=100)(x))
        return nn.Dense(features=10)(x)
