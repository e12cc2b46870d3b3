# rank 9 of evoprompting run evoprompting_seed6: 346 params, val 0.8570, test 0.8545, fitness -49.48
# round 4, origin lm; parents: 3036fa7c41c5fe0c4321f539112b277420bc8b19ad92169f7e3de114ceebbbe4, c5f02fa897bf860ac6a73eb7c6c2c950bf279d11c916d58de8cd9eca1e0e2180
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
