# rank 4 of mutation run digits: 23,274 params, val 1.0000, test 0.9916, fitness -0.00
# round 2, origin mutation: insert LayerNorm; stride 2->1; parents: f08dd8345fe17ec126ccc96a093b86b4ee48acf6df7b512277013ac27abb9a5a
import flax.linen as nn

class Model(nn.Module):
    num_classes: int = 10

    @nn.compact
    def __call__(self, x):
        x = x[..., None] if x.ndim <= 3 else x
        window = (3,) * (x.ndim - 2)
        x = nn.relu(nn.Conv(features=16, kernel_size=window, padding='SAME')(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=32, kernel_size=(5,), strides=(1,), padding='SAME')(x))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=self.num_classes)(x)
