# rank 7 of evoprompting run evoprompting_seed4: 670 params, val 0.9200, test 0.9095, fitness -53.60
# round 3, origin lm; parents: 0575b3413c723e8e700232e82be2e02898a36fee5bf25d7ee0408a5770e837e3, 086549bdbac335540d5373962ce0c69ce9a76c67a982d84ea8cccba374d8b15d
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
