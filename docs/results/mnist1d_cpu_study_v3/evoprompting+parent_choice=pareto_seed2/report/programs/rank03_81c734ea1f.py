# rank 3 of evoprompting run evoprompting+parent_choice=pareto_seed2: 670 params, val 0.9270, test 0.9190, fitness -48.91
# round 3, origin lm; parents: 33ea3a02f1667b0701328e7cd0432cf0087ad209b04ef8e5d1ad6d08b1addeaa, 7db493c4866c138647d33eb7cfda5522865b347dde1c59527267e710484a5d34
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
