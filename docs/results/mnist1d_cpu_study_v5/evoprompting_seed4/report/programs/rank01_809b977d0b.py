# rank 1 of evoprompting run evoprompting_seed4: 226 params, val 0.8520, test 0.8395, fitness -33.45
# round 4, origin lm; parents: 557d11d387adcbfa02a4978e3629c2004eff9c4cd4e033a5bbd6938caf502f4b, ac5a66d782d057069dd7001073026bb4bf6366260b1de9c8defcb1ddbe45bf70
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding='VALID')(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
