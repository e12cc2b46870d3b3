# rank 7 of no_prompt_tuning run no_prompt_tuning_seed6: 106 params, val 0.6000, test 0.6050, fitness -42.40
# round 4, origin lm; parents: 3d2ed0b746bb3fbc3d22af7e40ffcb7ec3965d7f4ff9a508e02d7b560e29ebea, bc26e9f26db4e56ac3881f05d6f0871564943256f9370400f51b246c179beabb
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=6, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
