# rank 6 of no_prompt_tuning run no_prompt_tuning_seed0: 94 params, val 0.5570, test 0.5615, fitness -41.64
# round 4, origin lm; parents: f1016adba807ba232f0b9d75493716134686c8a38169da4d25faa9d0bab9ebde, 9398cc53a6d3d8f8e4f96074dde48097e2cab43fc585b64756bc08e51c111dd0
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), padding=0)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
