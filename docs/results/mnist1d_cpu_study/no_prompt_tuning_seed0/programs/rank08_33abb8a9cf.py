# rank 8 of no_prompt_tuning run no_prompt_tuning_seed0: 91,082 params, val 0.9670, test 0.9615, fitness -3005.70
# round 3, origin lm; parents: c62dee84b17658ce85c41d61883b08cd7297d78a2838ce9ecef8b4159623d666, e1424f1476f883509b931f182d9fbdcc169c9dbcc3f0ba5ae30918dc70bf756e
import flax.linen as nn
import jax.numpy as jnp
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
