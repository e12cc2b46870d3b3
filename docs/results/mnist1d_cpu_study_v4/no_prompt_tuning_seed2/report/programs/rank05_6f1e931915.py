# rank 5 of no_prompt_tuning run no_prompt_tuning_seed2: 226 params, val 0.8300, test 0.8140, fitness -38.42
# round 3, origin lm; parents: 46d118029fd97d911a989eaac693a1de40f66864bd15a1d0276d83543b5f6c4e, f60ea3a6d7df804dbe517b2282884ac9f67b62fe206cd0ff710e55b8d212e7e9
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
