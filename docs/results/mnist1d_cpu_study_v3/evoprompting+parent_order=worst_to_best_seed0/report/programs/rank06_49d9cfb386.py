# rank 6 of evoprompting run evoprompting+parent_order=worst_to_best_seed0: 4,682 params, val 0.9800, test 0.9640, fitness -93.64
# round 4, origin lm; parents: 7b83f380667e826bed77b64ff67f5905fe71382abc39f0773fe727f2a93c1f31, 3f6d792989beb6fc0d7f849472c2a523454ef782cb9c271683c10d4b2b61aaa5
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 14

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=32, kernel_size=(2,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = nn.LayerNorm()(x)
        return nn.Dense(features=10)(x)
