# rank 6 of evoprompting run evoprompting+lm.tune=lora_seed0: 178 params, val 0.6860, test 0.6790, fitness -55.89
# round 4, origin lm; parents: b406550dee5ed8ffb635940d68f91820e5eef33e14ec0d6e891df01ec55adcdb, 8cc98965c1cad0447a049ff748d432c955c865bab45ab8c560d6af55797c70e8
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
