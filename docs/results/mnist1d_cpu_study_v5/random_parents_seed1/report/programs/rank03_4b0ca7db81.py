# rank 3 of random_parents run random_parents_seed1: 1,066 params, val 0.9500, test 0.9475, fitness -53.30
# round 4, origin lm; parents: 25cc2e63ed6e9f0afce3bc34ab560a997c5f61cea36a11cd436f00e4b5aa3872, 0247e78ea7bfcb57525846599e39070c5720c9c7c53639ea626e40699041e9e2
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(2,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
