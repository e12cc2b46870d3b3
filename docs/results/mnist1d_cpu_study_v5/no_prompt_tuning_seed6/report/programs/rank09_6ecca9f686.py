# rank 9 of no_prompt_tuning run no_prompt_tuning_seed6: 130 params, val 0.6640, test 0.6730, fitness -43.68
# round 4, origin lm; parents: 3d2ed0b746bb3fbc3d22af7e40ffcb7ec3965d7f4ff9a508e02d7b560e29ebea, bc26e9f26db4e56ac3881f05d6f0871564943256f9370400f51b246c179beabb
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
