"""Optimiser construction from plain config values (shared by every task's training)."""

from __future__ import annotations

import optax

OPTIMIZERS = ("adamw", "adam", "sgd")


def make_optimizer(settings: dict) -> optax.GradientTransformation:
    """Builds an optax optimiser from a dict with `name`, `learning_rate` and optional extras.

    Extras: `weight_decay` (adamw), `b1`, `b2` (adam/adamw), `momentum` (sgd), `grad_clip_norm` (> 0 clips the
    global gradient norm before the update).
    """
    name = settings["name"]
    learning_rate = float(settings["learning_rate"])
    if name == "adamw":
        optimizer = optax.adamw(
            learning_rate,
            b1=settings.get("b1", 0.9),
            b2=settings.get("b2", 0.999),
            weight_decay=settings.get("weight_decay", 1e-4),
        )
    elif name == "adam":
        optimizer = optax.adam(learning_rate, b1=settings.get("b1", 0.9), b2=settings.get("b2", 0.999))
    elif name == "sgd":
        optimizer = optax.sgd(learning_rate, momentum=settings.get("momentum") or None)
    else:
        raise ValueError(f"unknown optimizer '{name}'; choose one of {', '.join(OPTIMIZERS)}")
    clip = float(settings.get("grad_clip_norm", 0.0) or 0.0)
    if clip > 0:
        optimizer = optax.chain(optax.clip_by_global_norm(clip), optimizer)
    return optimizer
