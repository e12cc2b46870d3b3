# rank 1 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed0: 202 params, val 0.8290, test 0.8015, fitness -34.54
# round 3, origin lm; parents: f24186318037626228876439e91154d6698b080027f561503b67ecdf20c4678e, 79d07d224f5839546c48ce9ff80ba7c74cb11858f41ed0b7bd69a8e9c414f31c
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
