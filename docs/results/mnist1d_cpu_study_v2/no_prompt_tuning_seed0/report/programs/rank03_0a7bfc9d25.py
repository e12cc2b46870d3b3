# rank 3 of no_prompt_tuning run no_prompt_tuning_seed0: 458 params, val 0.8220, test 0.8175, fitness -81.52
# round 4, origin lm; parents: bbcee403e12abadaeda23de489f02cc882fe21c49d62fb714d232a4df22bef85, 923208a11b85288faf7c04051bc353539a02ac68c6661f96a427e9ff67c92037
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
