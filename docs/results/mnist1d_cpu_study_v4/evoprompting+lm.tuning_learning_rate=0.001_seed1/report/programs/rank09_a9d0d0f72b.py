# rank 9 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed1: 202 params, val 0.7930, test 0.7845, fitness -41.81
# round 3, origin lm; parents: c19aa5351a1065fe96bc973e8619f3801dfc4d0d63b7642e03ee3fc23d39b23f, 47e556eeb69d1f8d53e860d558d73b8009a0e7e31387381f7ba6b2b62650e213
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
