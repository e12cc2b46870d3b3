# rank 8 of evoprompting run evoprompting_seed5: 4,618 params, val 0.9660, test 0.9575, fitness -157.01
# round 3, origin lm; parents: 37ae908ce1ea1ec1fc08dbe37857fb483ae1c5848ab86bdb19c0fa40d920ae9c, 6b8fa2f277e7f8009cb63bc6d6213a96d9b5d0f8b84311475dbadda17505f441
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 8

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
