# rank 8 of no_prompt_tuning run no_prompt_tuning_seed4: 110 params, val 0.5060, test 0.4900, fitness -54.34
# round 4, origin lm; parents: 81c734ea1f7800b1d4cf6445b0165fec2d360152f02875fb2e316a6bb82e876c, a07b3019b465f9c5d80b57c1549f59013ea02945d43cb2466b0ab86188d7345b
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 2

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = jnp.concatenate([forward, backward], axis=-1)
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
