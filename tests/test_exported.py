"""Artifact checks in the evaluating process: callbacks are refused, garbage is refused, shapes are checked."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax import export

from evojax_nas.exported import ArtifactError, load_exported
from evojax_nas.tasks.classifier.training import ExportedClassifier, TrainSettings


def _custom_call_artifact(target: str) -> bytes:
    """An artifact calling `target`, as a compromised sandbox could forge (jax.export itself refuses to
    serialise Python callbacks, so the forged call is emitted through the FFI)."""

    def forged(x):
        return jax.ffi.ffi_call(target, jax.ShapeDtypeStruct(x.shape, x.dtype))(x)

    spec = jax.ShapeDtypeStruct((3,), jnp.float32)
    checks = [export.DisabledSafetyCheck.custom_call(target)]
    return bytes(export.export(jax.jit(forged), platforms=["cpu"], disabled_checks=checks)(spec).serialize())


def test_python_callback_custom_calls_are_refused():
    with pytest.raises(ArtifactError, match="disallowed custom call 'xla_ffi_python_cpu_callback'"):
        load_exported("predict", _custom_call_artifact("xla_ffi_python_cpu_callback"))


def test_safe_custom_calls_are_accepted():
    assert load_exported("predict", _custom_call_artifact("lapack_sgetrf_ffi")).out_avals[0].shape == (3,)


def test_python_callbacks_cannot_even_be_serialised():
    def leaky(x):
        return jax.pure_callback(lambda v: np.asarray(v), jax.ShapeDtypeStruct(x.shape, x.dtype), x)

    checks = [
        export.DisabledSafetyCheck.custom_call(t)
        for t in ("xla_python_cpu_callback", "xla_ffi_python_cpu_callback")
    ]
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do; the point is that nothing serialises
        spec = jax.ShapeDtypeStruct((3,), jnp.float32)
        export.export(jax.jit(leaky), platforms=["cpu"], disabled_checks=checks)(spec).serialize()


def test_plain_artifacts_load():
    spec = jax.ShapeDtypeStruct((3, 4), jnp.float32)
    data = bytes(
        export.export(jax.jit(lambda x: jnp.linalg.inv(x[:, :3] @ x[:, :3].T)), platforms=["cpu"])(
            spec
        ).serialize()
    )
    exported = load_exported("f", data)
    assert exported.out_avals[0].shape == (3, 3)


def test_garbage_is_refused():
    with pytest.raises(ArtifactError, match="cannot be deserialised"):
        load_exported("init", b"\x00not an artifact" * 10)


def test_inconsistent_artifacts_are_refused():
    settings = TrainSettings(steps=2, batch_size=4, eval_every=1, num_seeds=2, eval_batch_size=8)

    def serialized(function, *specs):
        return bytes(export.export(jax.jit(function), platforms=["cpu"])(*specs).serialize())

    f32 = jnp.float32
    keys = jax.ShapeDtypeStruct((2, 2), jnp.uint32)
    state = [jax.ShapeDtypeStruct((2, 5), f32)]
    wrong_state = [jax.ShapeDtypeStruct((2, 6), f32)]
    blobs = {
        "init": serialized(lambda k: [jnp.zeros((2, 5), f32)], keys),
        "train_step": serialized(
            lambda s, x, y: (s, jnp.zeros((2,), f32)),
            wrong_state,
            jax.ShapeDtypeStruct((2, 4, 40), f32),
            jax.ShapeDtypeStruct((2, 4), jnp.int32),
        ),
        "predict": serialized(
            lambda p, x: jnp.zeros((2, 8, 10), f32), state, jax.ShapeDtypeStruct((8, 40), f32)
        ),
        "forward_one": serialized(
            lambda p, x: jnp.zeros((1, 10), f32),
            [jax.ShapeDtypeStruct((5,), f32)],
            jax.ShapeDtypeStruct((1, 40), f32),
        ),
    }
    with pytest.raises(ArtifactError, match="train_step consumes the init state"):
        ExportedClassifier(blobs, 1, settings)
