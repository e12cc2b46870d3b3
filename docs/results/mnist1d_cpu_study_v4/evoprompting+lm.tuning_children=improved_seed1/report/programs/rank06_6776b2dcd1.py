# rank 6 of evoprompting run evoprompting+lm.tuning_children=improved_seed1: 226 params, val 0.7430, test 0.7180, fitness -58.08
# round 2, origin lm; parents: b48a20a80254461b14d7ed49580cc914ac220e48890201f9eebf2ab62dcd371f, 303c04e1ee246d6b6e31859363a3ef0d17b812e5edf1d04768fa7c38997b91ac
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
