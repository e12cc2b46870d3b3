# rank 8 of evoprompting run evoprompting+lm.tune=lora_seed1: 550 params, val 0.8230, test 0.8370, fitness -97.35
# round 4, origin lm; parents: 9b6909c84bd75060a9f21835d3db7ab6c75f7087b4461b1366d7445f80082e4a, b9047f7c667c2e68b4342797a9336748dc76ae738f45d534647feb9f3f51dfca
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
