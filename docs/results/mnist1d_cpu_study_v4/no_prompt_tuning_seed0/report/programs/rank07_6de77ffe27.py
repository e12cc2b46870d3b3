# rank 7 of no_prompt_tuning run no_prompt_tuning_seed0: 202 params, val 0.7700, test 0.7445, fitness -46.46
# round 3, origin lm; parents: f24186318037626228876439e91154d6698b080027f561503b67ecdf20c4678e, 915dca41d544faf8145f22e5573eba476a83d0555b79ed34fc90ac659de5d473
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
