# rank 6 of evoprompting run evoprompting_seed4: 1,138 params, val 0.9540, test 0.9580, fitness -52.35
# round 4, origin lm; parents: d862774ce883610f73775f9dafc638248485aa27148f240a6af7983eb85406d5, ec6a11d8c41bfec878199094068696f43bf9cd51acaef1465a313aa7cbab0871
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding='VALID')(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding='VALID')(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
