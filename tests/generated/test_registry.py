"""The registry holds the computations the team spec names, each tied to a lab it can preset."""

import importlib.util

import pytest

from studyapp.generated import REGISTRY

SPEC_COMPUTATIONS = {
    "sigmoid_derivative": ("x",),
    "tanh_derivative": ("x",),
    "gelu": ("x",),
    "sigmoid_chain_bound": ("n",),
    "clip_norm_component": ("g1", "g2", "max_norm"),
    "grad_norm": ("g1", "g2"),
    "clip_value_angle": ("g1", "g2", "clip_value"),
    "dropout_scale": ("p",),
    "dropout_expected_kept": ("n", "p"),
    "xavier_std": ("fan_in", "fan_out"),
    "xavier_uniform_bound": ("fan_in", "fan_out"),
    "he_std": ("fan_in",),
    "sgd_step": ("theta", "grad", "lr"),
    "momentum_ema_step": ("theta", "v", "grad", "beta", "lr"),
    "sgd_momentum_two_steps": ("g1", "g2", "momentum", "lr"),
    "rmsprop_first_step": ("grad", "lr", "alpha"),
    "adam_first_step": ("grad", "lr", "beta1", "beta2"),
    "adam_two_steps": ("g1", "g2", "lr", "beta1", "beta2"),
    "ema_horizon": ("beta",),
    "mse_loss": ("pred", "target"),
    "huber_loss": ("pred", "target", "delta"),
    "bce_loss": ("p", "y"),
    "cross_entropy_uniform": ("num_classes",),
    "softmax_prob": ("z1", "z2", "z3"),
    "cross_entropy_logits": ("z1", "z2", "z3", "target"),
    "gd_max_lr": ("curvature",),
    "l2_step": ("theta", "grad", "lr", "weight_decay"),
    "batchnorm_running_mean": ("running", "batch_mean"),
}

# Lab setting names fixed by the team spec.
LAB_SETTINGS = {
    "gradient-clipping": {"grad", "threshold", "mode"},
    "vanishing-gradients": {
        "depth",
        "width",
        "batch",
        "activation",
        "init",
        "init_std",
        "batchnorm",
        "residual",
        "seed",
    },
    "dropout": {"p", "training", "seed"},
    "activation-functions": {"function", "x_min", "x_max", "input_mean", "input_std"},
    "loss-functions": {"task", "target", "outlier", "delta"},
    "optimizers": {"surface", "lr", "beta1", "beta2", "steps", "seed"},
    "overfitting": {"n_train", "noise", "augment", "dropout", "l2", "patience", "epochs", "seed"},
}


def middle_params(computation):
    """A valid parameter set: the middle of each range, or the first choice."""
    return {b.name: b.choices[0] if b.choices else b.clamp((b.low + b.high) / 2) for b in computation.params}


@pytest.mark.parametrize(("name", "params"), SPEC_COMPUTATIONS.items())
def test_spec_computations_are_registered_with_their_parameters(name, params):
    assert REGISTRY[name].param_names == params


@pytest.mark.parametrize("computation", REGISTRY.values(), ids=list(REGISTRY))
def test_bounds_are_well_formed(computation):
    assert computation.description and computation.lab in LAB_SETTINGS
    for bound in computation.params:
        assert bound.choices or bound.low <= bound.high


@pytest.mark.parametrize("computation", REGISTRY.values(), ids=list(REGISTRY))
def test_lab_presets_use_the_lab_setting_names(computation):
    settings = computation.lab_settings(middle_params(computation))
    assert set(settings) <= LAB_SETTINGS[computation.lab]


@pytest.mark.parametrize("computation", REGISTRY.values(), ids=list(REGISTRY))
def test_lab_presets_are_accepted_by_the_lab(computation):
    from studyapp.labs import LAB_MODULES, get_lab

    if importlib.util.find_spec(LAB_MODULES[computation.lab]) is None:
        pytest.skip(f"lab {computation.lab} not written yet")
    lab = get_lab(computation.lab)
    lab.settings(computation.lab_settings(middle_params(computation)))


@pytest.mark.parametrize("computation", REGISTRY.values(), ids=list(REGISTRY))
def test_bounds_give_finite_answers_at_their_extremes(computation):
    import math

    numeric = [b for b in computation.params if not b.choices]
    for corner in ("low", "high"):
        params = middle_params(computation) | {b.name: b.clamp(getattr(b, corner)) for b in numeric}
        answer, _ = computation(params)
        assert math.isfinite(answer), (corner, params)
