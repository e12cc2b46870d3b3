# rank 4 of evoprompting run evoprompting_seed0: 458 params, val 0.8240, test 0.8080, fitness -80.61
# round 3, origin lm; parents: d53aeac26dc94b4e072e430c58e703a94180e0c26622344ab3fc5134a27067fa, 3931dc7ef0b5b9895c2ffceb6ddd6d76fd2e8feb8e96c2033ee612bf1f421f10
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
