# rank 10 of hybrid run hybrid_seed1: 522 params, val 0.8850, test 0.8600, fitness -60.03
# round 3, origin lm; parents: 3027614b22a197f5b0afb648201bd9af554151be8cc20ecca7e1430dc3fec8bb, 885293c0a151e88661145bf862101f2c647d1809dc9fcd842d5c9537dd5825b4
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
