# rank 3 of evoprompting run evoprompting+lm.tune=lora_seed2: 202 params, val 0.8190, test 0.7920, fitness -36.56
# round 4, origin lm; parents: b6476fdfbbc2eb64bf399e461956410c3e69d9a8693b342cf8472ff249440635, afda3693e010b25048239e48ff7651d2826cf1b11a660399dc2112ce76334baa
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
