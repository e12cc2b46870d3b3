# rank 8 of random_parents run random_parents_seed2: 178 params, val 0.6650, test 0.6060, fitness -59.63
# round 3, origin lm; parents: 74e3f046459e0f6974a2c7ce06b555bbabda93ce09851204247f0aaa2c9db972, a188c6be044f92380b3fa3cd2736a323adaa0e5d4fc657382fd73d623947f95b
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
