# rank 1 of no_prompt_tuning run no_prompt_tuning_seed4: 670 params, val 0.9490, test 0.9340, fitness -34.17
# round 4, origin lm; parents: 81c734ea1f7800b1d4cf6445b0165fec2d360152f02875fb2e316a6bb82e876c, a07b3019b465f9c5d80b57c1549f59013ea02945d43cb2466b0ab86188d7345b
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.leaky_relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
