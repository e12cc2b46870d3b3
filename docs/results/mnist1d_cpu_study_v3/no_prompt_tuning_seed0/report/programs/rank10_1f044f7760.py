# rank 10 of no_prompt_tuning run no_prompt_tuning_seed0: 458 params, val 0.7970, test 0.7785, fitness -92.97
# round 4, origin lm; parents: 1b38fc2da608b5774ac442df0c0205012fe81facfa64a884dc103791c7ad7f34, 674faf4cf919a93cdeafe86e945fb32967a8e63f8cfbb4a9fbd8e9d0acddb11e
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=32, kernel_size=(3,), padding='SAME')(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
