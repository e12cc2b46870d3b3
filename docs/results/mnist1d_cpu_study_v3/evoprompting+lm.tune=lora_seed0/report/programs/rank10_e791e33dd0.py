# rank 10 of evoprompting run evoprompting+lm.tune=lora_seed0: 522 params, val 0.8900, test 0.8560, fitness -57.42
# round 4, origin lm; parents: 6cc14f4646e5bbce8c919c804a0708bc81aefb60da013c2e8c7eb298d20c81ca, 95888602177dea7295d0a6342234567e75dc38527011437f8fcd621e15ebf782
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 6

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
