# rank 10 of hybrid run hybrid_seed0: 9,770 params, val 0.9850, test 0.9725, fitness -146.55
# round 3, origin program_mutation: add skip connection; parents: 662a95b879afa175bf2e1a524d1f1229d786a99be4f30c9c8a7a173662a70f8c
import flax.linen as nn
import jax.numpy as jnp

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = x + nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
