# rank 10 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed1: 670 params, val 0.9240, test 0.9105, fitness -50.92
# round 2, origin lm; parents: 303c04e1ee246d6b6e31859363a3ef0d17b812e5edf1d04768fa7c38997b91ac, 8f2219195954f25031bc6f3a6998820eb607d1cf6b31eaa6f53cef865beb2da8
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = jnp.concatenate([x, x], axis=1)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
