# rank 1 of evoprompting run evoprompting_seed0: 178 params, val 0.7540, test 0.7040, fitness -43.79
# round 4, origin lm; parents: b406550dee5ed8ffb635940d68f91820e5eef33e14ec0d6e891df01ec55adcdb, 4fcb25e32c6a67c2afcd9a2270bc7abb512c34534298212cea944447e64fc0b3
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
