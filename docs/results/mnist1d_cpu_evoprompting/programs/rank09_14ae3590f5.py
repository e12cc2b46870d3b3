# rank 9 of evoprompting run mnist1d_cpu: 53,226 params, val 0.9620, test 0.9485, fitness -2022.59
# round 4, origin lm; parents: 301d493f04a6aca45a0c3beeb0cfc4ba7fa96ee475d921b95145bb8a1ac6c37e, 954388488f50799ae746416a2b17f1cf09d0a49d75b7c2e9527ff0b60082522d
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(2,))(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(2,))(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(2,))(x))
        x = x.reshape((x.shape[0], -1))
        x = nn.relu(nn.Dense(features=256)(x))
        return nn.Dense(features=10)(x)
