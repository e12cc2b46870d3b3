# rank 7 of evoprompting run evoprompting+lm.tune=lora_seed0: 178 params, val 0.6740, test 0.6490, fitness -58.03
# round 4, origin lm; parents: e3510306bd5318c072d9a0f6ea572bf239cce0e219ac103287ff476316c3dec6, 8cc98965c1cad0447a049ff748d432c955c865bab45ab8c560d6af55797c70e8
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
