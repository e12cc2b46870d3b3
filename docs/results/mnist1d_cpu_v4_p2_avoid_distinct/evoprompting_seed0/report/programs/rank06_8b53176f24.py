# rank 6 of evoprompting run evoprompting_seed0: 94 params, val 0.5540, test 0.5105, fitness -41.92
# round 4, origin lm; parents: 6ce518bfd9105d08583d5c1a4480714b8a2d6a66c31e0079bd79c7bf9639b1be, 5832dca15c10bfb20f8bb68616e8e4a93ec4c2c4d4d848bfa252021f955e2785
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
