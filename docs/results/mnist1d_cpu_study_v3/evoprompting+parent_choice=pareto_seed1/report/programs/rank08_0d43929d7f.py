# rank 8 of evoprompting run evoprompting+parent_choice=pareto_seed1: 1,300 params, val 0.9360, test 0.9250, fitness -83.20
# round 4, origin lm; parents: 6043b39714927c900e64c46e995dd7b14d4733d1403a960d40017b97bcf2c50a, 8f183a3cdfd19f49259d1267f1e097958c76158165d354b394fb0688db3ec85f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=9, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
