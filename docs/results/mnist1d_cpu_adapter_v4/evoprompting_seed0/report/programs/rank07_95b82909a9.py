# rank 7 of evoprompting run evoprompting_seed0: 950 params, val 0.9110, test 0.9065, fitness -84.55
# round 3, origin lm; parents: 0247e78ea7bfcb57525846599e39070c5720c9c7c53639ea626e40699041e9e2, 00671d749ccd50b288e76ca103c5906d74045db96a800cb0af56adf14dffd7dd
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 10

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = jnp.concatenate([forward, backward], axis=-1)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
