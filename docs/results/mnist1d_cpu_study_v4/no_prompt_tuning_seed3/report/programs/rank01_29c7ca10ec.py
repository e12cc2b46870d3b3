# rank 1 of no_prompt_tuning run no_prompt_tuning_seed3: 698 params, val 0.9230, test 0.9225, fitness -53.75
# round 4, origin lm; parents: 1b296a63ff33e014bfdb88fa9e10544abc213af14c3ecb772bacaccd44449abc, 5fdca3eb17cf4d928729e127360652377cfac448e01db2e80ef69c14c4a21510
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 8

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = jnp.concatenate([forward, backward], axis=-1)
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
