# rank 4 of naive_prompting run naive_prompting_seed2: 666 params, val 0.8760, test 0.8630, fitness -82.58
# round 1, origin lm; parents: a998e1d8c9f1eabfb9bf85d261fafeb202b74c5a34f5ad3dfa160a09104006a5, 61b0e8a916995a7a2f4b783df3ae5a11b28d14aa38e6782b9b42dd03f2318591
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
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
