# rank 10 of evoprompting run mnist1d_cpu: 29,770 params, val 0.9300, test 0.9370, fitness -2083.90
# round 4, origin lm; parents: 48e6f33efd13937ab1f9be5bc16b92949ccef05d6fc1aeee831327bb9e9e640e, 301d493f04a6aca45a0c3beeb0cfc4ba7fa96ee475d921b95145bb8a1ac6c37e
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(2,))(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(2,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(2,))(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(2,))(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(2,))(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(2,))(x))
        x = x.reshape((x.shape[0], -1))
        x = nn.relu(nn.Dense(features=256)(x))
        return nn.Dense(features=10)(x)
