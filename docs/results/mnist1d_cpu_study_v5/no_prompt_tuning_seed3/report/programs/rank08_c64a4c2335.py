# rank 8 of no_prompt_tuning run no_prompt_tuning_seed3: 226 params, val 0.8280, test 0.7985, fitness -38.87
# round 4, origin lm; parents: 66180bcb2e120c7104bace1f3b78d9eaf4b22cac82d35c0fa263bede07365e78, 9fafdcc19529647219fa8239eef781f7f227f53e08991cbf5540a3f7ab672a11
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
