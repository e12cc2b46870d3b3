# rank 3 of random_parents run random_parents_seed0: 6,986 params, val 0.9630, test 0.9540, fitness -258.48
# round 4, origin lm; parents: 3c991a3bc63654c0dd820f0e6e92a3ddc2581a580447f34951cf3291b1454ea4, f3fb392569a4db54ad59c39631b07e7921337be4b2cb736539d8743474f2b81b
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 18

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=2)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.tanh(nn.Conv(features=32, kernel_size=(3,))(x))
        x = jnp.concatenate([x, x], axis=-1)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
