# rank 8 of evoprompting run evoprompting_seed6: 90 params, val 0.5370, test 0.5265, fitness -41.67
# round 4, origin lm; parents: c974fe8ff930c5ddad17fefcc9803de34eb6d99b19dc0333e6a47013fbac60bd, 777d4d409a43d9c9b5b9f347a12bbc6c85c0bcece23ef9ac4b39d619981f7960
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=5, kernel_size=(5,), strides=(1,), padding='SAME')(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
