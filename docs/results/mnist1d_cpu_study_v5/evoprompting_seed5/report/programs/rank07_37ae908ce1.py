# rank 7 of evoprompting run evoprompting_seed5: 4,618 params, val 0.9660, test 0.9525, fitness -157.01
# round 2, origin lm; parents: d7a52d7718fdb65c74e8c2f666e9eca9086c51dc0e6b7234e219a18262324cf0, 3b299820ae21b79a1e361d75b56eb46271d1b1b2b5c018e5ce1d71b2d4573e9b
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.leaky_relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=32, kernel_size=(2,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
