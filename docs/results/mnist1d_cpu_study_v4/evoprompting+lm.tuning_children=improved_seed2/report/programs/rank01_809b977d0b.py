# rank 1 of evoprompting run evoprompting+lm.tuning_children=improved_seed2: 226 params, val 0.8410, test 0.8325, fitness -35.93
# round 3, origin lm; parents: cf9232af1dda1dbb48ff4eba8936b1c5230948971cce2391f26b1e06ce63b541, a7bdd4a503984f3f6b2c6549cdfba1d6e357138d1a1837ddf44559108dfa62e3
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding='VALID')(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
