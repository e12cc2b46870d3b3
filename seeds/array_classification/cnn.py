"""Seed 2: a small CNN: two 3-wide convolutions (16, 32 channels; the second strided) and a linear head.

Features [batch, length] are read as a 1-D signal and [batch, height, width] as an image; either gets one input
channel, and the kernels have as many axes as the features (1-D or 2-D convolutions).
"""

import flax.linen as nn


class Model(nn.Module):
    num_classes: int = 10  # set by the framework to the data's class count

    @nn.compact
    def __call__(self, x):
        x = x[..., None] if x.ndim <= 3 else x  # [batch, *features, 1]: one input channel
        window = (3,) * (x.ndim - 2)
        x = nn.relu(nn.Conv(features=16, kernel_size=window, padding="SAME")(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=window, strides=2, padding="SAME")(x))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=self.num_classes)(x)
