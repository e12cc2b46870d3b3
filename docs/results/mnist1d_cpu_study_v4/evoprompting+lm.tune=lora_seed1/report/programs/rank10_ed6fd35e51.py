# rank 10 of evoprompting run evoprompting+lm.tune=lora_seed1: 226 params, val 0.7990, test 0.7880, fitness -45.43
# round 2, origin lm; parents: 303c04e1ee246d6b6e31859363a3ef0d17b812e5edf1d04768fa7c38997b91ac, 8f2219195954f25031bc6f3a6998820eb607d1cf6b31eaa6f53cef865beb2da8
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
