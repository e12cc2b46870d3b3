# rank 10 of evoprompting run evoprompting_seed0: 226 params, val 0.7820, test 0.7720, fitness -49.27
# round 4, origin lm; parents: f7c2c27a1315c85c04867563aca9e4e496f034f4774ce6ed833c0d315548ba9a, 5832dca15c10bfb20f8bb68616e8e4a93ec4c2c4d4d848bfa252021f955e2785
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
