# rank 3 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed3: 458 params, val 0.8490, test 0.8275, fitness -69.16
# round 4, origin lm; parents: 5fdca3eb17cf4d928729e127360652377cfac448e01db2e80ef69c14c4a21510, 8ee8605d275d63e30a34ec0fd104fc5a6dbc73d42795b2cd11b601871be4f4b8
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 3

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
