# rank 9 of evoprompting run evoprompting+lm.tune=lora_seed0: 522 params, val 0.8900, test 0.8570, fitness -57.42
# round 4, origin lm; parents: cd2b62adcfe6df8e6efde876eb27aabf437523939a9ffb7b52f34a00ebf9a0cd, 95888602177dea7295d0a6342234567e75dc38527011437f8fcd621e15ebf782
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 8

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
