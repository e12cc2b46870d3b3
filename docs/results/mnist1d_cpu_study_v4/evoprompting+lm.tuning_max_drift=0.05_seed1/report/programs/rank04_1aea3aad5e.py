# rank 4 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed1: 226 params, val 0.8120, test 0.7950, fitness -42.49
# round 4, origin lm; parents: c31d52d602a5e8e76cb00fca215185ceeb6367858ba0029ee98487afe9f875f2, ab543088cf59427191638a5b46438c592d5eed42af599fef6777cd141818d3bb
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.concatenate([x, x], axis=1)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
