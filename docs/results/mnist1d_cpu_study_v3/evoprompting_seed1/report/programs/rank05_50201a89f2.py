# rank 5 of evoprompting run evoprompting_seed1: 208 params, val 0.7230, test 0.7120, fitness -57.62
# round 4, origin lm; parents: a10ce3ebef5130f82b1bb440df0f795214e5249c67931341b0b6081e69f835dd, 8f183a3cdfd19f49259d1267f1e097958c76158165d354b394fb0688db3ec85f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding='VALID')(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
