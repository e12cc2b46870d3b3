# rank 3 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed3: 178 params, val 0.7050, test 0.6755, fitness -52.51
# round 4, origin lm; parents: 07b20f2121c292a532947c88a484787bc9d11df8cf14d664701cbbd96eda667a, 79d51f840316b2239cc5a5bc511287889f1a23b60b170ba9e256edbc1a9ac392
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.gelu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
