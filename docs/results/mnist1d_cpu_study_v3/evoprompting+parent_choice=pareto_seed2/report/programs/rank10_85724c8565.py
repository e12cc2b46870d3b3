# rank 10 of evoprompting run evoprompting+parent_choice=pareto_seed2: 202 params, val 0.7000, test 0.7090, fitness -60.60
# round 3, origin lm; parents: 54e2eb5ffd6a88eb77fec4abda2279f1b91230424f7973032eec5349e78289de, 33ea3a02f1667b0701328e7cd0432cf0087ad209b04ef8e5d1ad6d08b1addeaa
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
