# rank 10 of no_prompt_tuning run no_prompt_tuning_seed4: 646 params, val 0.9020, test 0.8975, fitness -63.31
# round 4, origin lm; parents: 36c7a9b9987afa5b4b43ed30962a9c8cebb8f1420a06bb8f47ba2e937dc6ce39, 5a4007cd7d2dafe418fa60794648715fca4627e92c7fbb0b8507000a456828ae
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding='SAME')(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
