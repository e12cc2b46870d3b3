# rank 4 of evoprompting run evoprompting_seed0: 454 params, val 0.8870, test 0.8795, fitness -51.30
# round 3, origin lm; parents: 7c3ab1b6380c2cdc736ffa3e9b8ae43ff1e01cc70bb20eb614ec7491e6f82c6f, 07b20f2121c292a532947c88a484787bc9d11df8cf14d664701cbbd96eda667a
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 6

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = jnp.concatenate([forward, backward], axis=-1)
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
