# rank 7 of evoprompting run evoprompting_seed5: 168 params, val 0.6270, test 0.5845, fitness -62.66
# round 4, origin lm; parents: c1eb07110134ed1d344d61a1e5e4c52cac3d50b289a2099f06884149eb3cd245, 5fdca3eb17cf4d928729e127360652377cfac448e01db2e80ef69c14c4a21510
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 3

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = nn.LayerNorm()(x)
        x = jnp.concatenate([forward, backward], axis=-1)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
