# rank 10 of random_parents run random_parents_seed2: 410 params, val 0.8460, test 0.8370, fitness -63.14
# round 4, origin lm; parents: 10fe8c577426682ae7b9aec02215b9cf3d50c26a215c374feae82d7909e315ec, 5a15c97c1bf391f0162307029d5cb18a37cfbc92d04e0609830dace7681e8f83
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=25, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
