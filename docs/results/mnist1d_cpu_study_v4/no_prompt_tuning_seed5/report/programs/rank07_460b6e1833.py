# rank 7 of no_prompt_tuning run no_prompt_tuning_seed5: 444 params, val 0.8480, test 0.8070, fitness -67.49
# round 3, origin lm; parents: 6d569a78cea006f6b8894b13f3154323a19ea1feafc15f961bf7dc17db4f69b7, 94a07b9235b4eeb9de2cf352a7a6d82cc5bbf8791b3f37a42fff5d5a1d75cbf0
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.gelu(nn.Conv(features=31, kernel_size=(3,), padding=0)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
