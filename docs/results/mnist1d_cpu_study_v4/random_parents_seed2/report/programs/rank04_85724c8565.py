# rank 4 of random_parents run random_parents_seed2: 202 params, val 0.6680, test 0.6580, fitness -67.06
# round 4, origin lm; parents: ec426eab9b8acc585988bb72ccf3b5116ab8cb4b1f157e9aa252dd34bcac61fb, e952c0829952dbd4b96936e6f7e1fc86b0b21ac8a7cd41ed5c8de816ade5f418
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
