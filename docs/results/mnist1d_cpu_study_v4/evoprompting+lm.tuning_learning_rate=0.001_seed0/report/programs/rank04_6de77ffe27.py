# rank 4 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed0: 202 params, val 0.7560, test 0.7250, fitness -49.29
# round 3, origin lm; parents: 61ae31174ef57bfcc8db27ebd9657a4331e16e6f764f6ce8e34a3042dfbe1e08, f24186318037626228876439e91154d6698b080027f561503b67ecdf20c4678e
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
