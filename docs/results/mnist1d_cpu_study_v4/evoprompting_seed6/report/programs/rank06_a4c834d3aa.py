# rank 6 of evoprompting run evoprompting_seed6: 334 params, val 0.8570, test 0.8515, fitness -47.76
# round 2, origin lm; parents: 32a1297fae1300f1148e9b147cd0bdeb0ceb30cfd066c31f83b90cf1056f8724, 19b292b4268e11a6532b7f9f1168d872372654d8bec39305d50e8ef0abe706cc
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
