# rank 6 of evoprompting run evoprompting_seed4: 646 params, val 0.9260, test 0.9115, fitness -47.80
# round 4, origin lm; parents: 557d11d387adcbfa02a4978e3629c2004eff9c4cd4e033a5bbd6938caf502f4b, ac5a66d782d057069dd7001073026bb4bf6366260b1de9c8defcb1ddbe45bf70
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.leaky_relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='VALID')(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
