# rank 3 of evoprompting run evoprompting_seed0: 106 params, val 0.6480, test 0.6145, fitness -37.31
# round 4, origin lm; parents: f6d14d6cecfd76dabf2aad6768176db70f7a2bd4dc10d610effb71ca95838764, 5832dca15c10bfb20f8bb68616e8e4a93ec4c2c4d4d848bfa252021f955e2785
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
