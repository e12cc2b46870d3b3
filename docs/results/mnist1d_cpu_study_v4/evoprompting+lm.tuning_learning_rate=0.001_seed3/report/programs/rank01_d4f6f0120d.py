# rank 1 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed3: 350 params, val 0.8160, test 0.8230, fitness -64.40
# round 4, origin lm; parents: 5fdca3eb17cf4d928729e127360652377cfac448e01db2e80ef69c14c4a21510, 8ee8605d275d63e30a34ec0fd104fc5a6dbc73d42795b2cd11b601871be4f4b8
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 5

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = jnp.concatenate([forward, backward], axis=-1)
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
