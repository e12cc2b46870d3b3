# rank 9 of evoprompting run evoprompting_seed0: 1,662 params, val 0.9410, test 0.9385, fitness -98.06
# round 3, origin lm; parents: 1e64849d1388649838ec843d501014f295254e819336af18579c97e3f135fbf0, f98e2453dc071f46af7d1484097a457addc8dabfafe865dd2241da9c1ca686bd
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
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
