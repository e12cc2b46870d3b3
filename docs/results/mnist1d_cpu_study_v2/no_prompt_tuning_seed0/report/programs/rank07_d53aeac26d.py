# rank 7 of no_prompt_tuning run no_prompt_tuning_seed0: 458 params, val 0.8000, test 0.7765, fitness -91.60
# round 3, origin lm; parents: 674faf4cf919a93cdeafe86e945fb32967a8e63f8cfbb4a9fbd8e9d0acddb11e, f98e2453dc071f46af7d1484097a457addc8dabfafe865dd2241da9c1ca686bd
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
