# rank 7 of evoprompting run evoprompting_seed0: 1,870 params, val 0.9490, test 0.9345, fitness -95.37
# round 3, origin lm; parents: 52456e1a8ec55a9c2deecec4b17cae305d065e0a7e12fde4a35a712a063904e6, 1e64849d1388649838ec843d501014f295254e819336af18579c97e3f135fbf0
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
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
