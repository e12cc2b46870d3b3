# rank 4 of evoprompting run evoprompting+lm.tune=lora_seed1: 646 params, val 0.8910, test 0.8915, fitness -70.41
# round 4, origin lm; parents: b9047f7c667c2e68b4342797a9336748dc76ae738f45d534647feb9f3f51dfca, 8f183a3cdfd19f49259d1267f1e097958c76158165d354b394fb0688db3ec85f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
