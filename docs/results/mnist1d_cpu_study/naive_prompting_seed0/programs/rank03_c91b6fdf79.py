# rank 3 of naive_prompting run naive_prompting_seed0: 6,860 params, val 0.9220, test 0.9185, fitness -535.08
# round 1, origin lm; parents: a998e1d8c9f1eabfb9bf85d261fafeb202b74c5a34f5ad3dfa160a09104006a5, 6f440c165ac4e332b2fce28bb906fca4cf82b47ec42191c4444e0e9f07ad37b6
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 6

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
