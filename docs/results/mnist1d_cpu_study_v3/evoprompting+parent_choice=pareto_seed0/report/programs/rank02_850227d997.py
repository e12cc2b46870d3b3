# rank 2 of evoprompting run evoprompting+parent_choice=pareto_seed0: 6,730 params, val 0.9820, test 0.9685, fitness -121.14
# round 3, origin lm; parents: 191cc9eca1a11179c073109b424e23e05227bf3253d1a6fe7015a157d89b6054, 50dbd9ed2394ef87855a8f00d85f1a89caa8b3729bc3e05b473c0513bb419efb
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
