# rank 8 of no_prompt_tuning run no_prompt_tuning_seed1: 670 params, val 0.9360, test 0.9285, fitness -42.88
# round 3, origin lm; parents: acc8e08e87fa5f149abab6eeaf39773f8680d2ddc483d65af37571d417e18bcf, 044e37c3affb3f704b7fd9f3d32d540e2df407bcd15261041e6e693ead5f39ec
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
        x = jnp.concatenate([x, x], axis=1)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
