# rank 1 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed2: 226 params, val 0.8600, test 0.8565, fitness -31.64
# round 3, origin lm; parents: e82541acc500a0b9b7aa62bfbc0b27bf4f7f18d33fcc87fbba181cb13a5a95fe, f60ea3a6d7df804dbe517b2282884ac9f67b62fe206cd0ff710e55b8d212e7e9
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
