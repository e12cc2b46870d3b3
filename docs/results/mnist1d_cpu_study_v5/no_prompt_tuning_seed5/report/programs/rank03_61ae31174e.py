# rank 3 of no_prompt_tuning run no_prompt_tuning_seed5: 458 params, val 0.7990, test 0.7850, fitness -92.06
# round 4, origin lm; parents: 7c3ab1b6380c2cdc736ffa3e9b8ae43ff1e01cc70bb20eb614ec7491e6f82c6f, 29f2bcdc63df19a329c0678c77af722170319999650d6f72ce6a0881e0cb2805
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.leaky_relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
