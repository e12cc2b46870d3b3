# rank 5 of evoprompting run evoprompting_seed0: 458 params, val 0.7940, test 0.7795, fitness -94.35
# round 2, origin lm; parents: 48b4a50b0712ff9543934cc8d893ae4ada15ab4caf0251ff06f472f2cc8a8e38, bcf72d1cb7ced9bc3b83bdf1e2e7550501a11ca891c0561ec17a14ba44f56eff
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
