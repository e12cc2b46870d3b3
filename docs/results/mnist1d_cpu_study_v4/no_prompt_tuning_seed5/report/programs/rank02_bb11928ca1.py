# rank 2 of no_prompt_tuning run no_prompt_tuning_seed5: 110 params, val 0.5150, test 0.4960, fitness -53.35
# round 4, origin lm; parents: ee954adfbd76ad1f16f93ca280568f6b72be3a2b69025e947058179812bd1d36, 1883ea6cfa8b99f41fe7b910001e039e3ca63f22337f74e42a679e7b8a1f3ea8
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 2

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = jnp.concatenate([forward, backward], axis=-1)
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
