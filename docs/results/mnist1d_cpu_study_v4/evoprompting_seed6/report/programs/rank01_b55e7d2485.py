# rank 1 of evoprompting run evoprompting_seed6: 232 params, val 0.8410, test 0.8295, fitness -36.89
# round 3, origin lm; parents: f34d9523a542c5cfb0fea74b534615c1e83edc1c3ae033e9596617fb3a74d60f, a4c834d3aa4077378879130fa6e53df461f4f45fc1d78ac192f9991a40ca45fa
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
