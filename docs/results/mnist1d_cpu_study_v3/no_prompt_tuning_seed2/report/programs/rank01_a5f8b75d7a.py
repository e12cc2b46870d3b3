# rank 1 of no_prompt_tuning run no_prompt_tuning_seed2: 646 params, val 0.9300, test 0.9300, fitness -45.22
# round 4, origin lm; parents: bb3900045ede479e866d29f70c3f93b97c809a0435e3bf5028f757cf74a0caaf, 7651f44fe0e2712205a9c150e14a64f4a2480f5f65a00dddb82c26ea991d55b4
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
