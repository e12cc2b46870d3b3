# rank 8 of evoprompting run evoprompting_seed0: 458 params, val 0.7980, test 0.7805, fitness -92.52
# round 2, origin lm; parents: 94a07b9235b4eeb9de2cf352a7a6d82cc5bbf8791b3f37a42fff5d5a1d75cbf0, b48a20a80254461b14d7ed49580cc914ac220e48890201f9eebf2ab62dcd371f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
