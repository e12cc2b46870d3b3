# rank 9 of no_prompt_tuning run no_prompt_tuning_seed4: 670 params, val 0.9280, test 0.9240, fitness -48.24
# round 3, origin lm; parents: 203e02618a4f2c01cc770e6e2f7adb0265d1e4a21e3d51e557e2f804607257a7, 0247e78ea7bfcb57525846599e39070c5720c9c7c53639ea626e40699041e9e2
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 6

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
