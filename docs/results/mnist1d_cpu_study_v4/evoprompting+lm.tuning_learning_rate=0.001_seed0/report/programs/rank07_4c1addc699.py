# rank 7 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed0: 178 params, val 0.7070, test 0.6905, fitness -52.15
# round 4, origin lm; parents: 6de77ffe2788325b165a981462dc4ff28c3aa9fc758f022433bc0877d4dde2b3, a5e5704094d3d7627cd0f57a3d814025a8f03ec96293cb273ae2e698f451bf39
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
