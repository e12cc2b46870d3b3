# rank 8 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed0: 178 params, val 0.6810, test 0.6715, fitness -56.78
# round 4, origin lm; parents: 541a5983f25602c148e0a0d2cd9f28018628b0e73a401e64afa5f4997eb5bacf, b406550dee5ed8ffb635940d68f91820e5eef33e14ec0d6e891df01ec55adcdb
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.gelu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
