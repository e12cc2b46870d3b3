# rank 5 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed3: 458 params, val 0.8380, test 0.8320, fitness -74.20
# round 4, origin lm; parents: 8ee8605d275d63e30a34ec0fd104fc5a6dbc73d42795b2cd11b601871be4f4b8, b675e1338beb1ddacf850cafaa48940a05f324d60f31336e1181ddf7cb951f23
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 8

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
