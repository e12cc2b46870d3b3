# rank 1 of evoprompting run evoprompting_seed2: 118 params, val 0.6570, test 0.6305, fitness -40.47
# round 4, origin lm; parents: fa45f5bb18ebaea4c808c8df024450646f499118bbcccaff6a19f18aa2b6ee9a, ed6fd35e51d1d26ef6f0a26e42819438d8a1c5590fa207a15ba3a5a6b35cbb0f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
