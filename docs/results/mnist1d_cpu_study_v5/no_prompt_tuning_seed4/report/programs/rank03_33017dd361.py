# rank 3 of no_prompt_tuning run no_prompt_tuning_seed4: 694 params, val 0.9370, test 0.9340, fitness -43.72
# round 4, origin lm; parents: 46a74ea4b5411907bedb2f2de2d59a0b6a614c8b7f5fbda1c9ca0bba2b3d624d, 53e0ce5fc24551939d1019b4f673886dc26ff4d36bcfa2457646aab266605ae2
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 25

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
