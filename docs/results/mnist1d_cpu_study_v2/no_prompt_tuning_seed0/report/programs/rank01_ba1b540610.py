# rank 1 of no_prompt_tuning run no_prompt_tuning_seed0: 458 params, val 0.8460, test 0.8185, fitness -70.53
# round 4, origin lm; parents: d53aeac26dc94b4e072e430c58e703a94180e0c26622344ab3fc5134a27067fa, 923208a11b85288faf7c04051bc353539a02ac68c6661f96a427e9ff67c92037
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
