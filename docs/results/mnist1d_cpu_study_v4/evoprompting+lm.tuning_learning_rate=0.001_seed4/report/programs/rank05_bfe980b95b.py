# rank 5 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed4: 646 params, val 0.9380, test 0.9220, fitness -40.05
# round 4, origin lm; parents: 2d21770960126e7b0ce440d4ebd7ab288f60b34ec4c162ef97243326d0601191, 4755904a25a1e5a533e898dcd83bfe79092f8ece3b68330758b385c96f6fda67
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 3

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
