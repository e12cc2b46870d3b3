# rank 6 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed2: 178 params, val 0.7360, test 0.7070, fitness -46.99
# round 4, origin lm; parents: ed6fd35e51d1d26ef6f0a26e42819438d8a1c5590fa207a15ba3a5a6b35cbb0f, bdcaa13eabbec74d573f4d14ec81bb6877c0023560ca8884b13dcbcbe642173f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
