# rank 1 of evoprompting run evoprompting+parent_choice=pareto_seed0: 4,682 params, val 0.9790, test 0.9670, fitness -98.32
# round 3, origin lm; parents: 50dbd9ed2394ef87855a8f00d85f1a89caa8b3729bc3e05b473c0513bb419efb, ac69e574e7d4d54b269507d1f7b5b2070fb8e4b8f526fc6461668b360597fe68
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=32, kernel_size=(2,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
