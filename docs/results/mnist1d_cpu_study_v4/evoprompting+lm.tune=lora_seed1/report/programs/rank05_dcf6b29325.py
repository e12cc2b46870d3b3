# rank 5 of evoprompting run evoprompting+lm.tune=lora_seed1: 226 params, val 0.8470, test 0.8410, fitness -34.58
# round 3, origin lm; parents: ed6fd35e51d1d26ef6f0a26e42819438d8a1c5590fa207a15ba3a5a6b35cbb0f, b882c154ddde92c9b95da134c8a7e30dff2e4a6aba5893c8b887d73e5c3f24f7
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding='VALID')(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
