# rank 7 of evoprompting run evoprompting_seed3: 226 params, val 0.8150, test 0.7930, fitness -41.81
# round 4, origin lm; parents: 9fafdcc19529647219fa8239eef781f7f227f53e08991cbf5540a3f7ab672a11, 843f2d77fbca2f2638e0e990dfe6d2d1da771ba1c8f71f2695deca0f3e658f41
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
