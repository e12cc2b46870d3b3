# rank 1 of no_prompt_tuning run no_prompt_tuning_seed3: 226 params, val 0.8700, test 0.8740, fitness -29.38
# round 4, origin lm; parents: 9fafdcc19529647219fa8239eef781f7f227f53e08991cbf5540a3f7ab672a11, da57115b1f153b5451092a2a10211762e73d7aed5a0dc96da981c16edfbb5eec
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
