# rank 2 of evoprompting run evoprompting_seed0: 166 params, val 0.5810, test 0.5665, fitness -69.55
# round 4, origin lm; parents: f98e2453dc071f46af7d1484097a457addc8dabfafe865dd2241da9c1ca686bd, c5f02fa897bf860ac6a73eb7c6c2c950bf279d11c916d58de8cd9eca1e0e2180
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
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
