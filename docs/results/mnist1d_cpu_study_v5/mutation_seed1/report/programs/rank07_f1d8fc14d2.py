# rank 7 of mutation run mutation_seed1: 2,222 params, val 0.8910, test 0.8775, fitness -242.20
# round 3, origin mutation: remove a layer; parents: 719d128068cfb52f8e8a5e8d34de2b29483d7bb6f24d5c009f09d0e6f9fc2876
import flax.linen as nn

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding='VALID')(x))
        x = nn.elu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
