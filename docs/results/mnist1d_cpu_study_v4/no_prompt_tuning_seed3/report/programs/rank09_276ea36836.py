# rank 9 of no_prompt_tuning run no_prompt_tuning_seed3: 458 params, val 0.8400, test 0.8220, fitness -73.28
# round 4, origin lm; parents: 1b296a63ff33e014bfdb88fa9e10544abc213af14c3ecb772bacaccd44449abc, 5fdca3eb17cf4d928729e127360652377cfac448e01db2e80ef69c14c4a21510
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 2

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
