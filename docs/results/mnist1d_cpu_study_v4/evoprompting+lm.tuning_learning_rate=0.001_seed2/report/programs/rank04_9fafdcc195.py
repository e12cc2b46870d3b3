# rank 4 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed2: 202 params, val 0.8030, test 0.7825, fitness -39.79
# round 4, origin lm; parents: 5bba8b1d42bd00866b508b59e8a7c388933b35bfd926c2bb01e45a8d0497e436, ed6fd35e51d1d26ef6f0a26e42819438d8a1c5590fa207a15ba3a5a6b35cbb0f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
