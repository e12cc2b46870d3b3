# rank 4 of evoprompting run evoprompting+lm.tuning_children=improved_seed0: 202 params, val 0.7920, test 0.7700, fitness -42.02
# round 4, origin lm; parents: f6d14d6cecfd76dabf2aad6768176db70f7a2bd4dc10d610effb71ca95838764, d36791283aab84279c131ce63ce187b6aa2a3f316069861f071f7c713a8133f7
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
