# rank 5 of evoprompting run evoprompting+lm.tuning_children=improved_seed2: 646 params, val 0.9380, test 0.9295, fitness -40.05
# round 4, origin lm; parents: 03251845f26a2f0c942f6f19d74525302e1c6268791c97ddc7f7c801a10430c0, 43531a25cc23779b51fe3d99c4a5fc5bd7e206af613592b918a6a55f1eede443
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
