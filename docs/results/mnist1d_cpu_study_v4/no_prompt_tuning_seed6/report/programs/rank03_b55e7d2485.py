# rank 3 of no_prompt_tuning run no_prompt_tuning_seed6: 232 params, val 0.8410, test 0.8295, fitness -36.89
# round 3, origin lm; parents: 0ea72d031fa17b7619be9826ff3b14f8727d83f0bbcb5ca481e782ac3404784c, b39984b8a90eff9fb09d7785c9e0b17fc19c3da84239c1705b573b6706029eb2
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
