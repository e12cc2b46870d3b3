# rank 10 of evoprompting run evoprompting_seed3: 94 params, val 0.5340, test 0.4845, fitness -43.80
# round 2, origin lm; parents: 7eaf8b6df57bc01b150317c889345e18514e83899f3e633c419c1957d6cd2850, 191cc9eca1a11179c073109b424e23e05227bf3253d1a6fe7015a157d89b6054
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
