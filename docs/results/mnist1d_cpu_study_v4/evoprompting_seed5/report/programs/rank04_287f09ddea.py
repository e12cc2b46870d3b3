# rank 4 of evoprompting run evoprompting_seed5: 669 params, val 0.9150, test 0.9020, fitness -56.87
# round 4, origin lm; parents: 5fdca3eb17cf4d928729e127360652377cfac448e01db2e80ef69c14c4a21510, 60a7fe684c858bf1595c92e5b78c6ed41436074b0d17251ab88880a09077ec9b
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
        x = nn.swish(nn.Conv(features=19, kernel_size=(3,), padding=0)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
