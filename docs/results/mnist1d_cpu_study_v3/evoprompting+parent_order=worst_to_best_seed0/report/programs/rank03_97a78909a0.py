# rank 3 of evoprompting run evoprompting+parent_order=worst_to_best_seed0: 458 params, val 0.8090, test 0.7870, fitness -87.48
# round 4, origin lm; parents: 3f6d792989beb6fc0d7f849472c2a523454ef782cb9c271683c10d4b2b61aaa5, aeca5acf06633eb08608ce67cb7a93d2803656ac1586f23b8a4b14bfef57c97f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
