# rank 8 of no_prompt_tuning run no_prompt_tuning_seed5: 458 params, val 0.8490, test 0.8025, fitness -69.16
# round 3, origin lm; parents: 94a07b9235b4eeb9de2cf352a7a6d82cc5bbf8791b3f37a42fff5d5a1d75cbf0, 7ad6af615025a00bd2a183793785448600b163127dd1212b665d2f45c8f76b42
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=32, kernel_size=(3,), padding=0)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
