# rank 6 of evoprompting run evoprompting+lm.tune=lora_seed0: 522 params, val 0.8920, test 0.8650, fitness -56.38
# round 4, origin lm; parents: 9a6a98b13d9d4af4ce922cec7ccea0def5d4e71120c234d44e79aacb93f83a7e, 95888602177dea7295d0a6342234567e75dc38527011437f8fcd621e15ebf782
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 3

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
