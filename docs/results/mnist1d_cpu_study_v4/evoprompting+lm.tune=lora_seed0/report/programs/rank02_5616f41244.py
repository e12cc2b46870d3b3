# rank 2 of evoprompting run evoprompting+lm.tune=lora_seed0: 178 params, val 0.7340, test 0.7180, fitness -47.35
# round 4, origin lm; parents: ee954adfbd76ad1f16f93ca280568f6b72be3a2b69025e947058179812bd1d36, 8cc98965c1cad0447a049ff748d432c955c865bab45ab8c560d6af55797c70e8
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
