# rank 7 of evoprompting run evoprompting_seed6: 118 params, val 0.6480, test 0.6405, fitness -41.54
# round 3, origin lm; parents: 66f8af76be76cb13c5e43b0348dba00f99f525e47ed6d70dc02044d630f0da79, 1ee7a54405afeb296a4965473b89a256b421caec699bf309f4807470cf4c26d4
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
