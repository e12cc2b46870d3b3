# rank 10 of no_prompt_tuning run no_prompt_tuning_seed6: 226 params, val 0.8050, test 0.7955, fitness -44.07
# round 3, origin lm; parents: 1ee7a54405afeb296a4965473b89a256b421caec699bf309f4807470cf4c26d4, 203e02618a4f2c01cc770e6e2f7adb0265d1e4a21e3d51e557e2f804607257a7
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
