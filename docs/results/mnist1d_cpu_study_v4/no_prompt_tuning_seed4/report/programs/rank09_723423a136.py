# rank 9 of no_prompt_tuning run no_prompt_tuning_seed4: 226 params, val 0.7390, test 0.7085, fitness -58.99
# round 4, origin lm; parents: a07b3019b465f9c5d80b57c1549f59013ea02945d43cb2466b0ab86188d7345b, 81c734ea1f7800b1d4cf6445b0165fec2d360152f02875fb2e316a6bb82e876c
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
