# rank 3 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed2: 670 params, val 0.9420, test 0.9265, fitness -38.86
# round 3, origin lm; parents: e82541acc500a0b9b7aa62bfbc0b27bf4f7f18d33fcc87fbba181cb13a5a95fe, f60ea3a6d7df804dbe517b2282884ac9f67b62fe206cd0ff710e55b8d212e7e9
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
