# rank 8 of evoprompting run evoprompting+lm.tune=lora_seed2: 202 params, val 0.7140, test 0.6745, fitness -57.77
# round 3, origin lm; parents: cf9232af1dda1dbb48ff4eba8936b1c5230948971cce2391f26b1e06ce63b541, 67fd119b9415f87b8cd960de2544ae46eb1f5fca4a9ce7ee7befcda5feb8e804
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
