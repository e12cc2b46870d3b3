# rank 10 of no_prompt_tuning run no_prompt_tuning_seed4: 670 params, val 0.9270, test 0.9145, fitness -48.91
# round 4, origin lm; parents: b40e5ae6a0e189a439dc6fa16088aeb32f5ab74cdbac2233695ec7cc161569bb, d626ab0cf2e1f3d722c702244a582135eb964f64419b8fcd4827e16766f32282
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 16

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
