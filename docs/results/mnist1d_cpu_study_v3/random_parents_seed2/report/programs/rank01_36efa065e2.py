# rank 1 of random_parents run random_parents_seed2: 3,850 params, val 0.9730, test 0.9705, fitness -103.95
# round 3, origin lm; parents: 2beff1949150cf0af16a5a361a99934f5585e574e332c376e6aa1ceb192bac95, 6ba652e47387d5c2938708820754b6c3d7f32a85d7f7ab16b7704ecbb5d7865f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=24, kernel_size=(3,), strides=(2,), padding='VALID')(x))
        x = nn.relu(nn.Conv(features=24, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=24, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
