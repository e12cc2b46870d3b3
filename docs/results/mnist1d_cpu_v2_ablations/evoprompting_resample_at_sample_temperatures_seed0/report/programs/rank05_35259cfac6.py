# rank 5 of evoprompting run evoprompting_seed0: 586 params, val 0.8620, test 0.8630, fitness -80.87
# round 4, origin lm; parents: 6cc14f4646e5bbce8c919c804a0708bc81aefb60da013c2e8c7eb298d20c81ca, 52eb474566529e7f8564938337593b5558275a55005d8b18ba3aa83b5af1ef77
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.leaky_relu(nn.Conv(features=32, kernel_size=(7,), strides=(1,))(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
