# rank 4 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed3: 190 params, val 0.6330, test 0.6315, fitness -69.73
# round 4, origin lm; parents: 07b7249276e7246d760eceda3ad156c60dfe0d750abcba70f8200164639df0c8, 5fdca3eb17cf4d928729e127360652377cfac448e01db2e80ef69c14c4a21510
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 3

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = jnp.concatenate([forward, backward], axis=-1)
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
