# rank 1 of evoprompting run evoprompting_seed0: 202 params, val 0.8480, test 0.7945, fitness -30.70
# round 3, origin lm; parents: b406550dee5ed8ffb635940d68f91820e5eef33e14ec0d6e891df01ec55adcdb, 915dca41d544faf8145f22e5573eba476a83d0555b79ed34fc90ac659de5d473
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
