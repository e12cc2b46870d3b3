# rank 7 of no_prompt_tuning run no_prompt_tuning_seed0: 178 params, val 0.7400, test 0.7260, fitness -46.28
# round 3, origin lm; parents: bd842b3f549c45fe2d2e6fd3d2210e84ffe8fd66773d9ac6a070201fb38fb432, 7ad6af615025a00bd2a183793785448600b163127dd1212b665d2f45c8f76b42
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=0)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
