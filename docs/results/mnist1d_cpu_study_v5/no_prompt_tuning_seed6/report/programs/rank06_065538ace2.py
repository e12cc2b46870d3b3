# rank 6 of no_prompt_tuning run no_prompt_tuning_seed6: 226 params, val 0.8130, test 0.8065, fitness -42.26
# round 4, origin lm; parents: 9d4f33a90819e7a0ea7c2998b39ca6d05abcb1aaa12aaba9cff09368cce74c4d, 3d2ed0b746bb3fbc3d22af7e40ffcb7ec3965d7f4ff9a508e02d7b560e29ebea
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding='SAME')(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
