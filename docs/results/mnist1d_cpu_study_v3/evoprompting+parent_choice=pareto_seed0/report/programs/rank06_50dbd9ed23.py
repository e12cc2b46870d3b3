# rank 6 of evoprompting run evoprompting+parent_choice=pareto_seed0: 6,730 params, val 0.9780, test 0.9765, fitness -148.06
# round 2, origin lm; parents: a188c6be044f92380b3fa3cd2736a323adaa0e5d4fc657382fd73d623947f95b, b3141ab3e648794a3a8e9ad583e27b45d9e4fd406a740ad80d884bde37750f75
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
