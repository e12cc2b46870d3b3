# rank 9 of evoprompting run evoprompting+lm.tuning_children=improved_seed2: 202 params, val 0.7860, test 0.7570, fitness -43.23
# round 3, origin lm; parents: f855b6ca6d83183647a476bafdca035ee605c30e62a7d7ba48f8cb256e1d260e, cf9232af1dda1dbb48ff4eba8936b1c5230948971cce2391f26b1e06ce63b541
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
