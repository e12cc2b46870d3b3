# rank 4 of no_prompt_tuning run no_prompt_tuning_seed6: 334 params, val 0.8890, test 0.9005, fitness -37.07
# round 4, origin lm; parents: e165cae408ece1576576b71daec332bc9884a90c6969779fab3d04caaf686117, 5f94b8cd5c3597f748f31556d6fb66571acdcc4921759cf131c99778e77da015
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=6, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
