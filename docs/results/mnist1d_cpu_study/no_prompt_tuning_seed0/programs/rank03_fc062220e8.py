# rank 3 of no_prompt_tuning run no_prompt_tuning_seed0: 97,290 params, val 0.9790, test 0.9755, fitness -2043.08
# round 4, origin lm; parents: 13edeb696510f4059738193adeef2998ea3f79682421a467b999d707ca365cae, d8a68f5e68cf338854808d62a50c2b3e4ab41cc04d1a5caa323bcd5d4b482beb
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = x.reshape((x.shape[0], -1))
        x = nn.relu(nn.Dense(features=256)(x))
        return nn.Dense(features=10)(x)
