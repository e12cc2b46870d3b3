# rank 3 of no_prompt_tuning run no_prompt_tuning_seed5: 178 params, val 0.6740, test 0.6485, fitness -58.03
# round 3, origin lm; parents: 7ad6af615025a00bd2a183793785448600b163127dd1212b665d2f45c8f76b42, 94a07b9235b4eeb9de2cf352a7a6d82cc5bbf8791b3f37a42fff5d5a1d75cbf0
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
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
