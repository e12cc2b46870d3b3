# rank 5 of random_parents run random_parents_seed2: 886 params, val 0.7590, test 0.7435, fitness -213.53
# round 4, origin lm; parents: 234519a623a0e937e9bd19600ed25cd00fd6bcc8660488d337e530b5c120ee8a, c1f69d895615b3ea57aabddcbf8200a56e073053a6f62eea5020203d58615d11
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(2,), strides=(2,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(2,), strides=(2,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(2,), strides=(2,), padding='SAME')(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
