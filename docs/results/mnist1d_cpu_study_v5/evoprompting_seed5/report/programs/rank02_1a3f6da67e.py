# rank 2 of evoprompting run evoprompting_seed5: 4,618 params, val 0.9710, test 0.9660, fitness -133.92
# round 3, origin lm; parents: 6b8fa2f277e7f8009cb63bc6d6213a96d9b5d0f8b84311475dbadda17505f441, 65327c7c1674d9dfff3006218bd58e3f5fa0ae210aaa4b975efaf56c1056b816
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 12

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=32, kernel_size=(2,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
