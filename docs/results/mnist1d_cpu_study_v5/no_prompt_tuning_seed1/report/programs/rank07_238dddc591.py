# rank 7 of no_prompt_tuning run no_prompt_tuning_seed1: 742 params, val 0.9440, test 0.9310, fitness -41.55
# round 4, origin lm; parents: 6f1e93191511847ada0258aed6abdc8203aea7e692d7ef27fcb69eb43ecb31b2, b51274e4589a8a3767ba66afb55289443775df2c521de202ccd80ac1222de490
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
