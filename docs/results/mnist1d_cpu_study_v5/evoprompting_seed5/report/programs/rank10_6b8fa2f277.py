# rank 10 of evoprompting run evoprompting_seed5: 4,618 params, val 0.9650, test 0.9555, fitness -161.63
# round 2, origin lm; parents: 3c07845880f124687a694b995e290cb55d9a83bdf2d25a65eaf0165715b777f5, d7a52d7718fdb65c74e8c2f666e9eca9086c51dc0e6b7234e219a18262324cf0
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 12

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=32, kernel_size=(2,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
