# rank 9 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed1: 250 params, val 0.7970, test 0.7935, fitness -50.75
# round 3, origin lm; parents: c19aa5351a1065fe96bc973e8619f3801dfc4d0d63b7642e03ee3fc23d39b23f, 934b1048f46da9811425b4b444f0f69ea53da8c85d9c4b4e4c1fa8914fc4a11a
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.concatenate([x, x], axis=1)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
