# rank 4 of no_prompt_tuning run no_prompt_tuning_seed0: 234 params, val 0.7230, test 0.7125, fitness -64.82
# round 4, origin lm; parents: 37d36a593860543bc140fc9820d9242f383229f668e83a7eaebe7c1b5ce53585, 674faf4cf919a93cdeafe86e945fb32967a8e63f8cfbb4a9fbd8e9d0acddb11e
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=16, kernel_size=(3,))(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
