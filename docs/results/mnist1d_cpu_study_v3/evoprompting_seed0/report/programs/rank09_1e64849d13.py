# rank 9 of evoprompting run evoprompting_seed0: 1,282 params, val 0.9480, test 0.9290, fitness -66.66
# round 2, origin lm; parents: 9e85ed026fc23b92ad09982ec9d1a606b04b3fc569a371b5bb65300c9eb8ea04, 48b4a50b0712ff9543934cc8d893ae4ada15ab4caf0251ff06f472f2cc8a8e38
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 12

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = jnp.concatenate([forward, backward], axis=-1)
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
