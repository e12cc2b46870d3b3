# rank 7 of no_prompt_tuning run no_prompt_tuning_seed1: 226 params, val 0.7770, test 0.7540, fitness -50.40
# round 4, origin lm; parents: ed4632df175a0ae143dce33b4dd0fb33ff8bc6e57716c99693952cc774fd81f8, 723423a13617d9fb228156ba191901f8d2ef86d2883de730d0b450dc3cef8b3c
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
