# rank 2 of no_prompt_tuning run no_prompt_tuning_seed3: 66 params, val 0.5290, test 0.5005, fitness -31.09
# round 3, origin lm; parents: 79d51f840316b2239cc5a5bc511287889f1a23b60b170ba9e256edbc1a9ac392, 0e5cf2acaf49b69a8d68a6a2f4e5bdbc2093b9c9e0117a0174f42b39fa7420c3
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=4, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
