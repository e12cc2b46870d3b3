# rank 7 of no_prompt_tuning run no_prompt_tuning_seed6: 118 params, val 0.6770, test 0.6695, fitness -38.11
# round 4, origin lm; parents: e165cae408ece1576576b71daec332bc9884a90c6969779fab3d04caaf686117, b55e7d2485d26a11ce592a2b18ea7e6f6a486de7e177f579b60538c26075bb4f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
