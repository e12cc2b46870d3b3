# rank 4 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed1: 226 params, val 0.8660, test 0.8700, fitness -30.28
# round 3, origin lm; parents: c19aa5351a1065fe96bc973e8619f3801dfc4d0d63b7642e03ee3fc23d39b23f, 9d8b0e3c83162ed9c98293ad3b57dbecb4f733b408342401de08bd7394cfcd28
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
