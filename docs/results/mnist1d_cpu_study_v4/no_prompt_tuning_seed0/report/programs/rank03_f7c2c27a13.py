# rank 3 of no_prompt_tuning run no_prompt_tuning_seed0: 202 params, val 0.7960, test 0.7815, fitness -41.21
# round 4, origin lm; parents: c60d46ae2b01b49f4772237f342df3bf8dfa72216dceb189778d5e1cf99ed2ed, 6de77ffe2788325b165a981462dc4ff28c3aa9fc758f022433bc0877d4dde2b3
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
