# rank 4 of evoprompting run evoprompting_seed6: 100 params, val 0.6070, test 0.6050, fitness -39.30
# round 4, origin lm; parents: c974fe8ff930c5ddad17fefcc9803de34eb6d99b19dc0333e6a47013fbac60bd, 777d4d409a43d9c9b5b9f347a12bbc6c85c0bcece23ef9ac4b39d619981f7960
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=5, kernel_size=(5,), strides=(1,), padding='SAME')(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
