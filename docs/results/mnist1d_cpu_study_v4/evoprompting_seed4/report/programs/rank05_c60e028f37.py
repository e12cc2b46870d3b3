# rank 5 of evoprompting run evoprompting_seed4: 670 params, val 0.9220, test 0.9130, fitness -52.26
# round 3, origin lm; parents: aa912e7ee768c727115e7415c3c017ca87797ed8848e0423dd3eb602c81e2696, 0575b3413c723e8e700232e82be2e02898a36fee5bf25d7ee0408a5770e837e3
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
