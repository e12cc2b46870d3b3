# rank 10 of no_prompt_tuning run no_prompt_tuning_seed2: 226 params, val 0.8110, test 0.7905, fitness -42.71
# round 3, origin lm; parents: cf9232af1dda1dbb48ff4eba8936b1c5230948971cce2391f26b1e06ce63b541, 46d118029fd97d911a989eaac693a1de40f66864bd15a1d0276d83543b5f6c4e
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
