# rank 8 of no_prompt_tuning run no_prompt_tuning_seed2: 694 params, val 0.9400, test 0.9200, fitness -41.64
# round 3, origin lm; parents: 46d118029fd97d911a989eaac693a1de40f66864bd15a1d0276d83543b5f6c4e, e82541acc500a0b9b7aa62bfbc0b27bf4f7f18d33fcc87fbba181cb13a5a95fe
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding='VALID')(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
