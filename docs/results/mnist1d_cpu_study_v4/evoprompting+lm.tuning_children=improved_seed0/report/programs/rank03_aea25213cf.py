# rank 3 of evoprompting run evoprompting+lm.tuning_children=improved_seed0: 202 params, val 0.8030, test 0.7800, fitness -39.79
# round 3, origin lm; parents: 79d07d224f5839546c48ce9ff80ba7c74cb11858f41ed0b7bd69a8e9c414f31c, b406550dee5ed8ffb635940d68f91820e5eef33e14ec0d6e891df01ec55adcdb
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
