# rank 4 of hybrid run hybrid_seed0: 4,210 params, val 0.9810, test 0.9745, fitness -79.99
# round 4, origin lm; parents: fc563262f4127f7846495cdcf01bdf4a2e151cce8609d9b99c04c687e2188388, 19b292b4268e11a6532b7f9f1168d872372654d8bec39305d50e8ef0abe706cc
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
