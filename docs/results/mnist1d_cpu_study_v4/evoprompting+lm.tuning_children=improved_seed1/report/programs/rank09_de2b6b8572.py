# rank 9 of evoprompting run evoprompting+lm.tuning_children=improved_seed1: 202 params, val 0.6680, test 0.6535, fitness -67.06
# round 3, origin lm; parents: c19aa5351a1065fe96bc973e8619f3801dfc4d0d63b7642e03ee3fc23d39b23f, b19333420f445aefbda410d8eb3f09ebb5be965e080c8ffa896fccf5b8247729
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
