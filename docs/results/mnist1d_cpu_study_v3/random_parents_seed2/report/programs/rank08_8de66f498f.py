# rank 8 of random_parents run random_parents_seed2: 5,210 params, val 0.9540, test 0.9470, fitness -239.66
# round 2, origin lm; parents: 1552b715d70fa71e5e63a37057c0ac358e922a7b6bfe1221e9a290cd46168a8f, 7076d0f1f05f7da64d89e1fb63bb7e934a42c63f3cc0f0ecdc59ee9d63951eaa
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding='SAME')(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
