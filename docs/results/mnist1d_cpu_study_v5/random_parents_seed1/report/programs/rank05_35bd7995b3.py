# rank 5 of random_parents run random_parents_seed1: 202 params, val 0.6200, test 0.6225, fitness -76.76
# round 4, origin lm; parents: a3778bfe60412c2257cd1f7c5ea4135631d71f52131c862f880e5bef53c9d86e, 25cc2e63ed6e9f0afce3bc34ab560a997c5f61cea36a11cd436f00e4b5aa3872
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
