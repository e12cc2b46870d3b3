# rank 6 of naive_prompting run naive_prompting_seed0: 7,306 params, val 0.5600, test 0.5580, fitness -3214.64
# round 1, origin lm; parents: 5d008bde918ed72f75ab5f53bf168ec90bd6e8da5d848535da5a02c52bd17ece, 61b0e8a916995a7a2f4b783df3ae5a11b28d14aa38e6782b9b42dd03f2318591
import flax.linen as nn
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = x + nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        return nn.Dense(features=10)(x)
