# rank 1 of evoprompting run evoprompting_seed3: 106 params, val 0.7160, test 0.6985, fitness -30.10
# round 4, origin lm; parents: 491928ef23906b081cb494ad31320c90c5d321c21520af35740aabfceabd082d, 9fafdcc19529647219fa8239eef781f7f227f53e08991cbf5540a3f7ab672a11
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
