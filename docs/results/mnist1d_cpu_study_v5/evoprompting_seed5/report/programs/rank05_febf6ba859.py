# rank 5 of evoprompting run evoprompting_seed5: 458 params, val 0.6700, test 0.6365, fitness -151.14
# round 4, origin lm; parents: 1a3f6da67e3518d5bd11b9faf6a727eb028e0700db624aec30f2088c1bcec102, be3251db757ad7214e6521d29a7138cb9ab3679b75bf14d4adebbfefead1e552
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 12

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.tanh(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
