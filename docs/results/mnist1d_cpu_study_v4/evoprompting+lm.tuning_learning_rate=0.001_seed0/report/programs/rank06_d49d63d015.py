# rank 6 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed0: 178 params, val 0.7170, test 0.6880, fitness -50.37
# round 4, origin lm; parents: 541a5983f25602c148e0a0d2cd9f28018628b0e73a401e64afa5f4997eb5bacf, a5e5704094d3d7627cd0f57a3d814025a8f03ec96293cb273ae2e698f451bf39
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
