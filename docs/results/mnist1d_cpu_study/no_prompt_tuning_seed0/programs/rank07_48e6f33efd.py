# rank 7 of no_prompt_tuning run no_prompt_tuning_seed0: 94,186 params, val 0.9700, test 0.9705, fitness -2825.58
# round 3, origin lm; parents: e1424f1476f883509b931f182d9fbdcc169c9dbcc3f0ba5ae30918dc70bf756e, f66c01977f7deed11bc0385891fd7ed6a95c2bb82dd0d1e4135697410e5cb325
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
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = x.reshape((x.shape[0], -1))
        x = nn.relu(nn.Dense(features=256)(x))
        return nn.Dense(features=10)(x)
