# rank 4 of evoprompting run evoprompting+lm.tuning_children=improved_seed1: 226 params, val 0.8070, test 0.8085, fitness -43.62
# round 3, origin lm; parents: 6776b2dcd1ca41e5345c71ce6ad26919821b4bf0ccc0226905882d1a3bae6865, b19333420f445aefbda410d8eb3f09ebb5be965e080c8ffa896fccf5b8247729
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
