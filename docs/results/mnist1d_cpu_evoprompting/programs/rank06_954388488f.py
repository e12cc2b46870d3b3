# rank 6 of evoprompting run mnist1d_cpu: 31,754 params, val 0.9480, test 0.9395, fitness -1651.21
# round 3, origin lm; parents: e1424f1476f883509b931f182d9fbdcc169c9dbcc3f0ba5ae30918dc70bf756e, 6c9a27d83cf4e0ce640cab92245330a1b3259b378abdd35fc938a7a185462807
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(2,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(2,))(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(2,))(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(2,))(x))
        x = x.reshape((x.shape[0], -1))
        x = nn.relu(nn.Dense(features=256)(x))
        return nn.Dense(features=10)(x)
