# rank 7 of evoprompting run evoprompting_seed1: 322 params, val 0.8140, test 0.8080, fitness -59.89
# round 4, origin lm; parents: 792d78ceae3024b3310bcc321980378852e9d576f301fe353ef4b4711c94fce0, 8f6ad5725fdd01c4e4fe1f7196163f3b0a5a704a7aa9eff8e1fc56179b579edc
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
