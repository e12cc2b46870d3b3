# rank 4 of evoprompting run evoprompting+parent_order=worst_to_best_seed2: 646 params, val 0.9080, test 0.8970, fitness -59.43
# round 4, origin lm; parents: 5a4007cd7d2dafe418fa60794648715fca4627e92c7fbb0b8507000a456828ae, 6776b2dcd1ca41e5345c71ce6ad26919821b4bf0ccc0226905882d1a3bae6865
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
