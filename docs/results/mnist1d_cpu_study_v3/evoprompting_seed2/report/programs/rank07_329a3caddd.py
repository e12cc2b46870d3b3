# rank 7 of evoprompting run evoprompting_seed2: 670 params, val 0.9170, test 0.9120, fitness -55.61
# round 3, origin lm; parents: ba38f44824fca82e3eb95041f4c76f243425f31380a910a28481612c33ecf708, 43326eba95643fdf2e30b0650e6f36a63a5d60d01683c85de26b64b747d1396f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
