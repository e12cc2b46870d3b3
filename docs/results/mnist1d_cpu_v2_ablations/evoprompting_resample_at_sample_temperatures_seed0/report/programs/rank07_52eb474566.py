# rank 7 of evoprompting run evoprompting_seed0: 458 params, val 0.8160, test 0.7880, fitness -84.27
# round 3, origin lm; parents: ac69e574e7d4d54b269507d1f7b5b2070fb8e4b8f526fc6461668b360597fe68, 52456e1a8ec55a9c2deecec4b17cae305d065e0a7e12fde4a35a712a063904e6
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(1,))(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
