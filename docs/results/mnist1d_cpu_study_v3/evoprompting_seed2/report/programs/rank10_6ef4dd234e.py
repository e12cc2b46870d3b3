# rank 10 of evoprompting run evoprompting_seed2: 1,090 params, val 0.9450, test 0.9450, fitness -59.95
# round 3, origin lm; parents: ba38f44824fca82e3eb95041f4c76f243425f31380a910a28481612c33ecf708, 7db493c4866c138647d33eb7cfda5522865b347dde1c59527267e710484a5d34
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
