# rank 4 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed4: 226 params, val 0.8470, test 0.8520, fitness -34.58
# round 3, origin lm; parents: 0575b3413c723e8e700232e82be2e02898a36fee5bf25d7ee0408a5770e837e3, f73c07127005f0be9404ec6d0e23d78ecc92a167be65ce16974928cb8ce66cd4
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
