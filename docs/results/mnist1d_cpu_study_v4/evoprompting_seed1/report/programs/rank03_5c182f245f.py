# rank 3 of evoprompting run evoprompting_seed1: 274 params, val 0.8720, test 0.8480, fitness -35.07
# round 4, origin lm; parents: f716156bb86cb3f2fdf94de4764ebfe48d63f5179b07fee717020a27e46f7d26, 3837da834134fd99b2e9046beb1b77a999e0d4095f1219b86b8e6dbc1fa11a29
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
