# rank 9 of hybrid run hybrid_seed0: 12,874 params, val 0.9890, test 0.9770, fitness -141.61
# round 4, origin program_mutation: pooling avg_pool->max_pool; repeat layer at line 2; parents: f27c2969a9552699278ffca4b1281fc8575572732f3e65780e5f0be10368698e
import flax.linen as nn
import jax.numpy as jnp

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = x + nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = x + nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
