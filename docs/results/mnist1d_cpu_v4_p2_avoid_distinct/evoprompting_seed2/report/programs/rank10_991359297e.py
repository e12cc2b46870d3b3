# rank 10 of evoprompting run evoprompting_seed2: 106 params, val 0.5150, test 0.4650, fitness -51.41
# round 2, origin lm; parents: ba38f44824fca82e3eb95041f4c76f243425f31380a910a28481612c33ecf708, 113d01c5bf3bf997ef587ab37a11227675e5cc8183d3bfc40f34574cdcc0798b
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
