# rank 10 of no_prompt_tuning run no_prompt_tuning_seed0: 202 params, val 0.7560, test 0.7250, fitness -49.29
# round 4, origin lm; parents: aea25213cf784c72fca8b5aebbaea99eb3efd5780bea3f002f9a7fa10cb2d176, 6de77ffe2788325b165a981462dc4ff28c3aa9fc758f022433bc0877d4dde2b3
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
