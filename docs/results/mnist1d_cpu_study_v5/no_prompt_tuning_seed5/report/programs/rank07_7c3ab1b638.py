# rank 7 of no_prompt_tuning run no_prompt_tuning_seed5: 458 params, val 0.7930, test 0.7710, fitness -94.81
# round 3, origin lm; parents: 037fb8b97e3c5fc7f5fb0d5cfbabfe7581c3d522a1d11b1a5fadbb5cf9fb98c0, ac69e574e7d4d54b269507d1f7b5b2070fb8e4b8f526fc6461668b360597fe68
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
