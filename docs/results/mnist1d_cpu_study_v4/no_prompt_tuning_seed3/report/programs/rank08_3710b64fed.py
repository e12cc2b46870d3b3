# rank 8 of no_prompt_tuning run no_prompt_tuning_seed3: 458 params, val 0.8400, test 0.8300, fitness -73.28
# round 4, origin lm; parents: 07b7249276e7246d760eceda3ad156c60dfe0d750abcba70f8200164639df0c8, 1b296a63ff33e014bfdb88fa9e10544abc213af14c3ecb772bacaccd44449abc
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
