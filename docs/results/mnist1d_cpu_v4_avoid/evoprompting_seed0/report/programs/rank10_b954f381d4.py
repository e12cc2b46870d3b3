# rank 10 of evoprompting run evoprompting_seed0: 1,870 params, val 0.9490, test 0.9335, fitness -95.37
# round 3, origin lm; parents: 07b20f2121c292a532947c88a484787bc9d11df8cf14d664701cbbd96eda667a, 95b82909a98e20880981d90b0b7da9dc2d7cae6e35e1dd227b9581dab091bf5e
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
        return nn.Dense(features=10)(x)
