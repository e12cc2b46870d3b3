# rank 6 of no_prompt_tuning run no_prompt_tuning_seed2: 646 params, val 0.9060, test 0.8935, fitness -60.72
# round 4, origin lm; parents: 7651f44fe0e2712205a9c150e14a64f4a2480f5f65a00dddb82c26ea991d55b4, 5a4007cd7d2dafe418fa60794648715fca4627e92c7fbb0b8507000a456828ae
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding='SAME')(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
