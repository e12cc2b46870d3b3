# rank 8 of random_parents run random_parents_seed0: 9,514 params, val 0.9550, test 0.9325, fitness -428.13
# round 4, origin lm; parents: aeea1a278a7580ee72fa243c7e28fc5e01141bd31c4e344ba505eda2db089f0f, f3fb392569a4db54ad59c39631b07e7921337be4b2cb736539d8743474f2b81b
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(2,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
