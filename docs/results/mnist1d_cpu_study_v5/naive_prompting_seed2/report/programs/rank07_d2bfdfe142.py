# rank 7 of naive_prompting run naive_prompting_seed2: 1,266 params, val 0.9330, test 0.9370, fitness -84.82
# round 1, origin lm; parents: 6f440c165ac4e332b2fce28bb906fca4cf82b47ec42191c4444e0e9f07ad37b6, 61b0e8a916995a7a2f4b783df3ae5a11b28d14aa38e6782b9b42dd03f2318591
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
