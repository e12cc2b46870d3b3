# rank 3 of evoprompting run evoprompting_seed2: 226 params, val 0.8060, test 0.7895, fitness -43.84
# round 4, origin lm; parents: e4ca2369268dd235f26dc92cd6de1dfc9d145788272909ea169c3478834d7b3f, 68547ee8815755a45c66571eb4ed3701815c213cf7fcc7e4c88e664a83fcf2cc
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
