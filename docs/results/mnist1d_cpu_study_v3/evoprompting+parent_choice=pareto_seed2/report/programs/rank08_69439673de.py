# rank 8 of evoprompting run evoprompting+parent_choice=pareto_seed2: 1,114 params, val 0.9470, test 0.9480, fitness -59.04
# round 3, origin lm; parents: 33ea3a02f1667b0701328e7cd0432cf0087ad209b04ef8e5d1ad6d08b1addeaa, 43326eba95643fdf2e30b0650e6f36a63a5d60d01683c85de26b64b747d1396f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
