# rank 6 of no_prompt_tuning run no_prompt_tuning_seed0: 202 params, val 0.7710, test 0.7480, fitness -46.26
# round 3, origin lm; parents: 502423d9d9a03f77b346dbd854da3c93ef3f90c090fffbc2a51a46668a2e45ac, 79d07d224f5839546c48ce9ff80ba7c74cb11858f41ed0b7bd69a8e9c414f31c
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
