# rank 9 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed2: 178 params, val 0.7100, test 0.6635, fitness -51.62
# round 3, origin lm; parents: f60ea3a6d7df804dbe517b2282884ac9f67b62fe206cd0ff710e55b8d212e7e9, f855b6ca6d83183647a476bafdca035ee605c30e62a7d7ba48f8cb256e1d260e
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
