# rank 5 of evoprompting run evoprompting_seed6: 208 params, val 0.8110, test 0.8050, fitness -39.31
# round 4, origin lm; parents: c974fe8ff930c5ddad17fefcc9803de34eb6d99b19dc0333e6a47013fbac60bd, 696740eff2bd93c102d9ed794c348432fde555fa23c3c0407e52dbc83a006c1c
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding='VALID')(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding='VALID')(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
