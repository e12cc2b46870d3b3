# rank 1 of evoprompting run evoprompting_seed2: 1,114 params, val 0.9580, test 0.9545, fitness -46.79
# round 4, origin lm; parents: 6ef4dd234edc804ea5ed09c13bd75e79ed6547f66fb9b08bebb413b8f6b97e70, 3de5e7091a3714a0d6e4b808195c85858240be4343fd247b9cbfc3f0abf1bdc7
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
