# rank 6 of naive_prompting run naive_prompting_seed0: 2,146 params, val 0.9520, test 0.9440, fitness -103.01
# round 1, origin lm; parents: a998e1d8c9f1eabfb9bf85d261fafeb202b74c5a34f5ad3dfa160a09104006a5, 61b0e8a916995a7a2f4b783df3ae5a11b28d14aa38e6782b9b42dd03f2318591
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=24, kernel_size=(3,))(x))
        x = nn.relu(nn.Conv(features=24, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
