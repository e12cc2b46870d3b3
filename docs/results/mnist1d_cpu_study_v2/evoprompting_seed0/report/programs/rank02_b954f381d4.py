# rank 2 of evoprompting run evoprompting_seed0: 1,870 params, val 0.9510, test 0.9230, fitness -91.63
# round 4, origin lm; parents: 8f2219195954f25031bc6f3a6998820eb607d1cf6b31eaa6f53cef865beb2da8, ca293c7c4d10e0b3a28f1bc436e9e4f187d09041a3dd0c27742c835ef658f039
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 15

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = jnp.concatenate([forward, backward], axis=-1)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
