# rank 2 of no_prompt_tuning run no_prompt_tuning_seed6: 232 params, val 0.8480, test 0.8520, fitness -35.26
# round 4, origin lm; parents: 5f94b8cd5c3597f748f31556d6fb66571acdcc4921759cf131c99778e77da015, e165cae408ece1576576b71daec332bc9884a90c6969779fab3d04caaf686117
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=6, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
