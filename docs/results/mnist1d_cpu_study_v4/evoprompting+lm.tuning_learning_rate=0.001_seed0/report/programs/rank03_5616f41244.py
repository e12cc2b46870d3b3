# rank 3 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed0: 178 params, val 0.7440, test 0.7235, fitness -45.57
# round 4, origin lm; parents: b406550dee5ed8ffb635940d68f91820e5eef33e14ec0d6e891df01ec55adcdb, a5e5704094d3d7627cd0f57a3d814025a8f03ec96293cb273ae2e698f451bf39
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
