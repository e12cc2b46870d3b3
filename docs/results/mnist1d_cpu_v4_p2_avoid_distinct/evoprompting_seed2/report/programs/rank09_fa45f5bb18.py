# rank 9 of evoprompting run evoprompting_seed2: 106 params, val 0.5340, test 0.5285, fitness -49.40
# round 3, origin lm; parents: 5a4007cd7d2dafe418fa60794648715fca4627e92c7fbb0b8507000a456828ae, 991359297e5ebb9ec2e92f99db8aed7a44b1b31b5069da08a1646cf8b9b6fdb7
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
