# rank 10 of evoprompting run evoprompting_seed0: 1,718 params, val 0.9600, test 0.9395, fitness -68.72
# round 4, origin lm; parents: bc37a493a2d6fa90a1f37833322cf5f5b847b09bb7717740241a7e1778f6a40f, ca293c7c4d10e0b3a28f1bc436e9e4f187d09041a3dd0c27742c835ef658f039
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 14

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = jnp.concatenate([forward, backward], axis=-1)
        x = jnp.mean(x, axis=1)
        x = nn.LayerNorm()(x)
        return nn.Dense(features=10)(x)
