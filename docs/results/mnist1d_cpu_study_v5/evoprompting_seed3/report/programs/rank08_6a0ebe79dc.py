# rank 8 of evoprompting run evoprompting_seed3: 94 params, val 0.5470, test 0.5305, fitness -42.58
# round 4, origin lm; parents: bdcaa13eabbec74d573f4d14ec81bb6877c0023560ca8884b13dcbcbe642173f, 491928ef23906b081cb494ad31320c90c5d321c21520af35740aabfceabd082d
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
