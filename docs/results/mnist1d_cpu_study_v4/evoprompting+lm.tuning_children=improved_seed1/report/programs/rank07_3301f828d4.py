# rank 7 of evoprompting run evoprompting+lm.tuning_children=improved_seed1: 202 params, val 0.7000, test 0.7070, fitness -60.60
# round 4, origin lm; parents: de2b6b857298ec36bd512960d0327e1544ba0914af81cc480481c5aad6b9a8bc, 6f1e93191511847ada0258aed6abdc8203aea7e692d7ef27fcb69eb43ecb31b2
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.leaky_relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
