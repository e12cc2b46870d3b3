# rank 2 of evoprompting run evoprompting+lm.tuning_children=improved_seed2: 646 params, val 0.9420, test 0.9245, fitness -37.47
# round 4, origin lm; parents: e821d94420ff688a60a29487e331094440014724e467967e40308d0d22d4fcc9, 809b977d0b5d3f485680d659573ef391e1a843df6a36b4a932cc63f1f810469f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='VALID')(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
