# rank 5 of evoprompting run evoprompting_seed1: 670 params, val 0.9340, test 0.9195, fitness -44.22
# round 3, origin lm; parents: 7db493c4866c138647d33eb7cfda5522865b347dde1c59527267e710484a5d34, b1217b98919430010da5cd77b8606138485b4e80c249aa3dcb5e1a7b35aba094
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
