# rank 1 of no_prompt_tuning run no_prompt_tuning_seed0: 202 params, val 0.8630, test 0.8150, fitness -27.67
# round 4, origin lm; parents: c60d46ae2b01b49f4772237f342df3bf8dfa72216dceb189778d5e1cf99ed2ed, 3548ff4e2225a63c2fe4344f55c4fcc3b8c2d8ca1604a220940d4cfa2d1d1316
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
