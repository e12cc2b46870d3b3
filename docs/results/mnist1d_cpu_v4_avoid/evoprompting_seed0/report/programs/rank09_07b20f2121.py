# rank 9 of evoprompting run evoprompting_seed0: 666 params, val 0.8570, test 0.8520, fitness -95.24
# round 2, origin lm; parents: 74c42f76263cf84eb10c80abc6f15ec51f65490da28378666118b78454dcfb67, bd842b3f549c45fe2d2e6fd3d2210e84ffe8fd66773d9ac6a070201fb38fb432
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
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
