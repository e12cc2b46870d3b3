# rank 1 of evoprompting run evoprompting+lm.tuning_children=improved_seed0: 202 params, val 0.8310, test 0.7885, fitness -34.14
# round 4, origin lm; parents: 541a5983f25602c148e0a0d2cd9f28018628b0e73a401e64afa5f4997eb5bacf, d36791283aab84279c131ce63ce187b6aa2a3f316069861f071f7c713a8133f7
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
