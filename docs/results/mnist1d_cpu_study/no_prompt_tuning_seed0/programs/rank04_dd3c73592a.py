# rank 4 of no_prompt_tuning run no_prompt_tuning_seed0: 100,394 params, val 0.9770, test 0.9745, fitness -2309.06
# round 4, origin lm; parents: 48e6f33efd13937ab1f9be5bc16b92949ccef05d6fc1aeee831327bb9e9e640e, d8a68f5e68cf338854808d62a50c2b3e4ab41cc04d1a5caa323bcd5d4b482beb
import flax.linen as nn
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = x.reshape((x.shape[0], -1))
        x = nn.relu(nn.Dense(features=256)(x))
        return nn.Dense(features=10)(x)
