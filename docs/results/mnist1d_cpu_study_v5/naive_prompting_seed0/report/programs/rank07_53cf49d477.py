# rank 7 of naive_prompting run naive_prompting_seed0: 458 params, val 0.7490, test 0.7605, fitness -114.96
# round 1, origin lm; parents: 5d008bde918ed72f75ab5f53bf168ec90bd6e8da5d848535da5a02c52bd17ece, 61b0e8a916995a7a2f4b783df3ae5a11b28d14aa38e6782b9b42dd03f2318591
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(2,))(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
