# rank 9 of evoprompting run evoprompting_seed6: 90 params, val 0.5270, test 0.4540, fitness -42.57
# round 4, origin lm; parents: 696740eff2bd93c102d9ed794c348432fde555fa23c3c0407e52dbc83a006c1c, c974fe8ff930c5ddad17fefcc9803de34eb6d99b19dc0333e6a47013fbac60bd
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=5, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
