# rank 5 of evoprompting run evoprompting_seed0: 106 params, val 0.6100, test 0.5620, fitness -41.34
# round 3, origin lm; parents: 6f30c4aab7d1e77ca31691a4049883d16fc4855834bc386ab3065696274393c4, 915dca41d544faf8145f22e5573eba476a83d0555b79ed34fc90ac659de5d473
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
