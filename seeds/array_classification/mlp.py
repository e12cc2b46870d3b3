"""Seed 1: an MLP on the flattened features: Dense(64) -> ReLU -> Dense(64) -> ReLU -> Dense(num_classes)."""

import flax.linen as nn


class Model(nn.Module):
    num_classes: int = 10  # set by the framework to the data's class count

    @nn.compact
    def __call__(self, x):
        x = x.reshape((x.shape[0], -1))  # any feature shape: one vector per example
        x = nn.relu(nn.Dense(features=64)(x))
        x = nn.relu(nn.Dense(features=64)(x))
        return nn.Dense(features=self.num_classes)(x)
