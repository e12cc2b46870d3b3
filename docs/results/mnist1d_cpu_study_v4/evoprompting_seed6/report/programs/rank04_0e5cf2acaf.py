# rank 4 of evoprompting run evoprompting_seed6: 220 params, val 0.7950, test 0.7860, fitness -45.10
# round 4, origin lm; parents: 3036fa7c41c5fe0c4321f539112b277420bc8b19ad92169f7e3de114ceebbbe4, b55e7d2485d26a11ce592a2b18ea7e6f6a486de7e177f579b60538c26075bb4f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
