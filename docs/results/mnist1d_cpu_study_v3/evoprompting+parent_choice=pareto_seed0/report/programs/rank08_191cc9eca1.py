# rank 8 of evoprompting run evoprompting+parent_choice=pareto_seed0: 6,666 params, val 0.9770, test 0.9640, fitness -153.32
# round 2, origin lm; parents: b3141ab3e648794a3a8e9ad583e27b45d9e4fd406a740ad80d884bde37750f75, bcf72d1cb7ced9bc3b83bdf1e2e7550501a11ca891c0561ec17a14ba44f56eff
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
