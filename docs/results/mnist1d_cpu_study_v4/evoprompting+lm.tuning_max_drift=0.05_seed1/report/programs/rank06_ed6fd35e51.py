# rank 6 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed1: 226 params, val 0.7870, test 0.7680, fitness -48.14
# round 3, origin lm; parents: 6776b2dcd1ca41e5345c71ce6ad26919821b4bf0ccc0226905882d1a3bae6865, c19aa5351a1065fe96bc973e8619f3801dfc4d0d63b7642e03ee3fc23d39b23f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
