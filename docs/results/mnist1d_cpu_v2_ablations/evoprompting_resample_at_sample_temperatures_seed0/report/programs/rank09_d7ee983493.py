# rank 9 of evoprompting run evoprompting_seed0: 346 params, val 0.7420, test 0.7370, fitness -89.27
# round 4, origin lm; parents: 6cc14f4646e5bbce8c919c804a0708bc81aefb60da013c2e8c7eb298d20c81ca, 52eb474566529e7f8564938337593b5558275a55005d8b18ba3aa83b5af1ef77
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=24, kernel_size=(3,), strides=(1,))(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
