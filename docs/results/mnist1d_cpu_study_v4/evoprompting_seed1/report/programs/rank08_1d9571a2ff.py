# rank 8 of evoprompting run evoprompting_seed1: 958 params, val 0.9550, test 0.9565, fitness -43.11
# round 4, origin lm; parents: f716156bb86cb3f2fdf94de4764ebfe48d63f5179b07fee717020a27e46f7d26, 62ac6a26e348e07d049cc5c8d63a8f647d5d507071ab702da768c26a76882c7d
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.leaky_relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
