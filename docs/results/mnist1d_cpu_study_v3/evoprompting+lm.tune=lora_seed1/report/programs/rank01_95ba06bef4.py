# rank 1 of evoprompting run evoprompting+lm.tune=lora_seed1: 322 params, val 0.8520, test 0.8430, fitness -47.66
# round 4, origin lm; parents: 8f6ad5725fdd01c4e4fe1f7196163f3b0a5a704a7aa9eff8e1fc56179b579edc, 8f183a3cdfd19f49259d1267f1e097958c76158165d354b394fb0688db3ec85f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding='VALID')(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
