# rank 5 of no_prompt_tuning run no_prompt_tuning_seed6: 670 params, val 0.9370, test 0.9310, fitness -42.21
# round 3, origin lm; parents: 203e02618a4f2c01cc770e6e2f7adb0265d1e4a21e3d51e557e2f804607257a7, 0575b3413c723e8e700232e82be2e02898a36fee5bf25d7ee0408a5770e837e3
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
