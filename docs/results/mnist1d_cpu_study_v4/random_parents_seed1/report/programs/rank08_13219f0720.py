# rank 8 of random_parents run random_parents_seed1: 178 params, val 0.5250, test 0.4980, fitness -84.55
# round 4, origin lm; parents: e9d515b088b8845627f3b964f03d86ba87d06d2dd5bab86c8dd4fcd13c5d9c6c, e303abcca5168e64039e677bc016c882c9e443c333d47a2017427fe009ff2989
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
