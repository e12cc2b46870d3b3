# rank 2 of evoprompting run evoprompting_seed4: 670 params, val 0.9480, test 0.9485, fitness -34.84
# round 4, origin lm; parents: 6f1e93191511847ada0258aed6abdc8203aea7e692d7ef27fcb69eb43ecb31b2, 0a7e6ebb9ec85e680349f857a4afec5ae04160cd6cf3cb50bba56e90bf70c8f4
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
