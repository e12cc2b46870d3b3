# rank 10 of no_prompt_tuning run no_prompt_tuning_seed2: 622 params, val 0.8970, test 0.8555, fitness -64.07
# round 3, origin lm; parents: 78b1c6c7ecb4298df3feb36daec41b534a13f0b6817aa2f6f4ccd9a476269358, 54e2eb5ffd6a88eb77fec4abda2279f1b91230424f7973032eec5349e78289de
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
