# rank 3 of evoprompting run evoprompting+lm.tuning_children=improved_seed2: 274 params, val 0.8630, test 0.8590, fitness -37.54
# round 4, origin lm; parents: 809b977d0b5d3f485680d659573ef391e1a843df6a36b4a932cc63f1f810469f, 43531a25cc23779b51fe3d99c4a5fc5bd7e206af613592b918a6a55f1eede443
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding='VALID')(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
