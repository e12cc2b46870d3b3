# rank 7 of random_parents run random_parents_seed2: 670 params, val 0.9110, test 0.9085, fitness -59.63
# round 4, origin lm; parents: 5aab7736773fd09249084d7c55ef7702944babc3f084c41abeba3ca920162172, 10fe8c577426682ae7b9aec02215b9cf3d50c26a215c374feae82d7909e315ec
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.leaky_relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
