# rank 10 of evoprompting run evoprompting+lm.tune=lora_seed0: 178 params, val 0.6590, test 0.6390, fitness -60.70
# round 4, origin lm; parents: e3510306bd5318c072d9a0f6ea572bf239cce0e219ac103287ff476316c3dec6, ee954adfbd76ad1f16f93ca280568f6b72be3a2b69025e947058179812bd1d36
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 3

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.concatenate([forward, backward], axis=-1)
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
