# rank 4 of no_prompt_tuning run no_prompt_tuning_seed5: 458 params, val 0.8610, test 0.8250, fitness -63.66
# round 3, origin lm; parents: 6d569a78cea006f6b8894b13f3154323a19ea1feafc15f961bf7dc17db4f69b7, 7ad6af615025a00bd2a183793785448600b163127dd1212b665d2f45c8f76b42
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=0)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
