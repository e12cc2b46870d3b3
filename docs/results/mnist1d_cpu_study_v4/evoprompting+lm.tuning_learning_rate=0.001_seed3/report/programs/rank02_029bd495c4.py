# rank 2 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed3: 166 params, val 0.5910, test 0.5630, fitness -67.89
# round 4, origin lm; parents: b675e1338beb1ddacf850cafaa48940a05f324d60f31336e1181ddf7cb951f23, 07b7249276e7246d760eceda3ad156c60dfe0d750abcba70f8200164639df0c8
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 3

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = jnp.concatenate([forward, backward], axis=-1)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
