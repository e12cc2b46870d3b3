# rank 2 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed4: 226 params, val 0.9090, test 0.8930, fitness -20.57
# round 4, origin lm; parents: 40291065f89b0c0790f24341de87b99cd24003b0412781d0d1567873a21c708e, 725a21900a8d56c837ad3c94dc715f3542d5ba843b87a72ce1b29910de2f2ce1
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
