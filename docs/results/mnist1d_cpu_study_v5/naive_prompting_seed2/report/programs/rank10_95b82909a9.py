# rank 10 of naive_prompting run naive_prompting_seed2: 950 params, val 0.9040, test 0.9050, fitness -91.20
# round 1, origin lm; parents: 6f440c165ac4e332b2fce28bb906fca4cf82b47ec42191c4444e0e9f07ad37b6, a998e1d8c9f1eabfb9bf85d261fafeb202b74c5a34f5ad3dfa160a09104006a5
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
