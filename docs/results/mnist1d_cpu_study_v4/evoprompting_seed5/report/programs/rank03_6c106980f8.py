# rank 3 of evoprompting run evoprompting_seed5: 681 params, val 0.9170, test 0.9015, fitness -56.52
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
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=19, kernel_size=(3,), padding=0)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
