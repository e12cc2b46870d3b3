# rank 7 of evoprompting run evoprompting_seed1: 934 params, val 0.9540, test 0.9310, fitness -42.96
# round 4, origin lm; parents: ed6fd35e51d1d26ef6f0a26e42819438d8a1c5590fa207a15ba3a5a6b35cbb0f, f716156bb86cb3f2fdf94de4764ebfe48d63f5179b07fee717020a27e46f7d26
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding='VALID')(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
