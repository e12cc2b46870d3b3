# rank 7 of evoprompting run evoprompting+parent_order=worst_to_best_seed0: 346 params, val 0.7230, test 0.6880, fitness -95.84
# round 4, origin lm; parents: 7b83f380667e826bed77b64ff67f5905fe71382abc39f0773fe727f2a93c1f31, aeca5acf06633eb08608ce67cb7a93d2803656ac1586f23b8a4b14bfef57c97f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=24, kernel_size=(3,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
