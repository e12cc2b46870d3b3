# rank 6 of naive_prompting run naive_prompting_seed2: 242 params, val 0.6550, test 0.6405, fitness -83.49
# round 1, origin lm; parents: 5d008bde918ed72f75ab5f53bf168ec90bd6e8da5d848535da5a02c52bd17ece, a998e1d8c9f1eabfb9bf85d261fafeb202b74c5a34f5ad3dfa160a09104006a5
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 4

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = jnp.concatenate([forward, backward], axis=-1)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
