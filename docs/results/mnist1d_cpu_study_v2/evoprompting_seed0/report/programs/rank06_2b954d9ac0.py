# rank 6 of evoprompting run evoprompting_seed0: 1,282 params, val 0.9260, test 0.9140, fitness -94.87
# round 4, origin lm; parents: 6cc14f4646e5bbce8c919c804a0708bc81aefb60da013c2e8c7eb298d20c81ca, 8f2219195954f25031bc6f3a6998820eb607d1cf6b31eaa6f53cef865beb2da8
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
        x = x.reshape((x.shape[0], -1))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
