# rank 7 of evoprompting run evoprompting_seed0: 1,282 params, val 0.9250, test 0.9320, fitness -96.15
# round 3, origin lm; parents: ff71ed27655294b5f7cd3ce0d27cdf3a0513f7b57b15cda645191e68aa67d672, 3027614b22a197f5b0afb648201bd9af554151be8cc20ecca7e1430dc3fec8bb
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
        return nn.Dense(features=10)(x)
