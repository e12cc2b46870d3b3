# rank 9 of no_prompt_tuning run no_prompt_tuning_seed0: 91,082 params, val 0.9670, test 0.9490, fitness -3005.70
# round 2, origin lm; parents: e3bb5dc3260441f96ea1f7bb7aec76d6ed9bd751a5c1740d2a410ab931a13033, 60fb67275e708d2a21a4b0dd99b15e9d4af7e647cad246e5c987d72c864e83c8
import flax.linen as nn
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = x.reshape((x.shape[0], -1))
        x = nn.relu(nn.Dense(features=256)(x))
        return nn.Dense(features=10)(x)
