# rank 1 of no_prompt_tuning run no_prompt_tuning_seed0: 178 params, val 0.7170, test 0.6765, fitness -50.37
# round 4, origin lm; parents: 1b38fc2da608b5774ac442df0c0205012fe81facfa64a884dc103791c7ad7f34, 674faf4cf919a93cdeafe86e945fb32967a8e63f8cfbb4a9fbd8e9d0acddb11e
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=12, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
