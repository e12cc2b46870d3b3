# rank 4 of no_prompt_tuning run no_prompt_tuning_seed4: 670 params, val 0.9300, test 0.9180, fitness -46.90
# round 3, origin lm; parents: 0575b3413c723e8e700232e82be2e02898a36fee5bf25d7ee0408a5770e837e3, 7db493c4866c138647d33eb7cfda5522865b347dde1c59527267e710484a5d34
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
