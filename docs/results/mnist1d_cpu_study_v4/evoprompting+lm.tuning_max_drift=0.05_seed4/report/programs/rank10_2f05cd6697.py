# rank 10 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed4: 226 params, val 0.8730, test 0.8630, fitness -28.70
# round 4, origin lm; parents: 414b8c708717d410935934d9ccc27f44f658b9c5f23bbb516e817e4b0e678b7e, ed6fd35e51d1d26ef6f0a26e42819438d8a1c5590fa207a15ba3a5a6b35cbb0f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
