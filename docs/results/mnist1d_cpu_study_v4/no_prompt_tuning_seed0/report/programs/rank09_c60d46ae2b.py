# rank 9 of no_prompt_tuning run no_prompt_tuning_seed0: 522 params, val 0.9060, test 0.8860, fitness -49.07
# round 3, origin lm; parents: 915dca41d544faf8145f22e5573eba476a83d0555b79ed34fc90ac659de5d473, 502423d9d9a03f77b346dbd854da3c93ef3f90c090fffbc2a51a46668a2e45ac
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
