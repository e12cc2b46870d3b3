# rank 1 of random_parents run random_parents_seed1: 802 params, val 0.9400, test 0.9310, fitness -48.12
# round 4, origin lm; parents: 25cc2e63ed6e9f0afce3bc34ab560a997c5f61cea36a11cd436f00e4b5aa3872, 3d5dd6ede8a65c90317fddc12b2e6ea62be0bf4fb8d953b854a61fc5076081f0
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=12, kernel_size=(2,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
