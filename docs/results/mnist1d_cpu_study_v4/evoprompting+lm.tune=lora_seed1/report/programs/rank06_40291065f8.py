# rank 6 of evoprompting run evoprompting+lm.tune=lora_seed1: 670 params, val 0.9390, test 0.9365, fitness -40.87
# round 3, origin lm; parents: ed6fd35e51d1d26ef6f0a26e42819438d8a1c5590fa207a15ba3a5a6b35cbb0f, acc8e08e87fa5f149abab6eeaf39773f8680d2ddc483d65af37571d417e18bcf
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
