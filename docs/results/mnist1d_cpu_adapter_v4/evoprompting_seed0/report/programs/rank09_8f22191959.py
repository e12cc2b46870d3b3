# rank 9 of evoprompting run evoprompting_seed0: 1,870 params, val 0.9540, test 0.9475, fitness -86.02
# round 3, origin lm; parents: 00671d749ccd50b288e76ca103c5906d74045db96a800cb0af56adf14dffd7dd, ece99d1fbac2825b7dfb112fc4be359bb916903723d6f1ffcafd5206b1367118
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
