"""Templates → instances: seeded drawing, clamping to bounds, errors, prompt, lab settings, grading."""

import json
import math

import pytest

from studyapp.content.grading import grade
from studyapp.content.model import Generated, LabLink, Numeric, ParamSpec
from studyapp.errors import StudyAppError
from studyapp.generated import GeneratedInstance, instantiate, list_computations

CLIP = (
    ParamSpec("g1", "uniform", -10, 10, decimals=1),
    ParamSpec("g2", "uniform", -10, 10, decimals=1),
    ParamSpec("max_norm", "choice", choices=(0.5, 1, 2)),
)


def template(compute="clip_norm_component", params=CLIP, **fields):
    defaults = {
        "id": "gen-q",
        "topics": ("gradient-clipping",),
        "prompt": "Clip g = ({g1}, {g2}) to norm {max_norm}. What is g₁? {not_a_param}",
        "explanation": "coef = min(max_norm/(‖g‖ + 1e-6), 1)",
    }
    return Generated(**{**defaults, **fields}, params=params, compute=compute)


def spec(name, distribution, low=None, high=None, **rest):
    return ParamSpec(name, distribution, low, high, **rest)


def clip_by_hand(g1, g2, max_norm):
    return g1 * min(max_norm / (math.hypot(g1, g2) + 1e-6), 1.0)


def test_instance_is_a_numeric_question_with_the_computed_answer():
    instance = instantiate(template(), seed=7)
    assert isinstance(instance, GeneratedInstance) and isinstance(instance, Numeric)
    p = instance.params
    assert set(p) == {"g1", "g2", "max_norm"}
    assert instance.value == pytest.approx(clip_by_hand(p["g1"], p["g2"], p["max_norm"]), rel=1e-12)
    assert instance.id == "gen-q" and instance.topics == ("gradient-clipping",)
    assert instance.explanation.startswith("coef")
    assert "‖g‖" in instance.solution


def test_same_seed_same_instance_and_other_seeds_differ():
    assert instantiate(template(), seed=11) == instantiate(template(), seed=11)
    drawn = {tuple(instantiate(template(), seed=s).params.values()) for s in range(10)}
    assert len(drawn) == 10


def test_prompt_shows_the_drawn_values_and_keeps_unknown_placeholders():
    instance = instantiate(template(), seed=3)
    p = instance.params
    assert instance.prompt == (
        f"Clip g = ({p['g1']:.1f}, {p['g2']:.1f}) to norm {p['max_norm']:g}. What is g₁? {{not_a_param}}"
    )


def test_prompt_braces_are_never_evaluated():
    question = template(prompt="{g1.__class__} {g1!r} {0} {{g1}} {g1}")
    instance = instantiate(question, seed=1)
    assert instance.prompt == f"{{g1.__class__}} {{g1!r}} {{0}} {{{instance.params['g1']:.1f}}} " + (
        f"{instance.params['g1']:.1f}"
    )


def test_drawn_values_are_rounded_to_decimals_or_three_significant_digits():
    params = (spec("g1", "uniform", -10, 10, decimals=2), spec("g2", "loguniform", 0.001, 1000))
    for seed in range(20):
        p = instantiate(template("grad_norm", params, prompt="({g1}, {g2})"), seed).params
        assert round(p["g1"], 2) == p["g1"]
        assert float(f"{p['g2']:.3g}") == p["g2"]
        assert 0.001 <= p["g2"] <= 1000


def test_randint_includes_both_ends():
    params = (spec("n", "randint", 1, 2),)
    seen = {instantiate(template("sigmoid_chain_bound", params), s).params["n"] for s in range(40)}
    assert seen == {1, 2}


def test_loguniform_spreads_over_decades():
    params = (spec("beta", "loguniform", 0.001, 0.999, decimals=4),)
    values = [instantiate(template("ema_horizon", params), s).params["beta"] for s in range(200)]
    assert min(values) < 0.01 and max(values) > 0.1


@pytest.mark.parametrize(
    ("compute", "params", "name", "expected"),
    [
        ("sigmoid_chain_bound", (spec("n", "randint", 10**12, 10**12),), "n", 100),
        ("xavier_std", (spec("fan_in", "randint", 0, 0), spec("fan_out", "randint", -5, 0)), "fan_in", 1),
        ("dropout_scale", (spec("p", "uniform", 1.0, 5.0),), "p", 0.95),
        ("dropout_scale", (spec("p", "choice", choices=(7,)),), "p", 0.95),
        ("clip_norm_component", (*CLIP[:2], spec("max_norm", "uniform", -3, 0)), "max_norm", 1e-3),
        (
            "sgd_step",
            (
                spec("theta", "uniform", 0, 1),
                spec("grad", "uniform", 0, 1),
                spec("lr", "loguniform", 1e6, 1e9),
            ),
            "lr",
            10.0,
        ),
        (
            "cross_entropy_logits",
            (*(spec(f"z{i}", "uniform", 0, 1) for i in (1, 2, 3)), spec("target", "choice", choices=(9,))),
            "target",
            2,
        ),
    ],
)
def test_pack_parameters_are_clamped_to_the_bounds(compute, params, name, expected):
    instance = instantiate(template(compute, params), seed=5)
    assert instance.params[name] == expected
    assert math.isfinite(instance.value)


def test_integer_parameters_are_whole_numbers():
    params = (spec("fan_in", "uniform", 10, 20), spec("fan_out", "uniform", 10, 20))
    p = instantiate(template("xavier_std", params), seed=2).params
    assert all(isinstance(v, int) for v in p.values())


@pytest.mark.parametrize(
    ("question", "words"),
    [
        (template("no_such_thing"), ["gen-q", "no_such_thing"]),
        (template("grad_norm", (CLIP[0],)), ["gen-q", "g2"]),
        (template("grad_norm", CLIP), ["gen-q", "max_norm"]),
        (template("dropout_scale", (spec("p", "choice", choices=("half",)),)), ["gen-q", "p", "half"]),
        (template("init_gain", (spec("nonlinearity", "choice", choices=("swish",)),)), ["gen-q", "swish"]),
        (template("init_gain", (spec("nonlinearity", "uniform", 0, 1),)), ["gen-q", "nonlinearity"]),
        (template("ema_horizon", (spec("beta", "loguniform", -1, 0),)), ["gen-q", "beta"]),
        (template("ema_horizon", (spec("beta", "uniform", float("nan"), 0.5),)), ["gen-q", "beta"]),
    ],
)
def test_bad_templates_are_one_line_errors_naming_the_question(question, words):
    with pytest.raises(StudyAppError) as caught:
        instantiate(question, seed=1)
    message = str(caught.value)
    assert "\n" not in message
    for word in words:
        assert word in message


def test_choice_parameter_is_drawn_from_the_pack_choices():
    params = (spec("nonlinearity", "choice", choices=("tanh", "relu")),)
    seen = {
        instantiate(template("init_gain", params, prompt="gain({nonlinearity})"), s).prompt for s in range(20)
    }
    assert seen == {"gain(tanh)", "gain(relu)"}


def test_tolerances_default_to_one_percent_and_are_copied_when_given():
    assert instantiate(template(), 1).rel_tolerance == 0.01
    assert instantiate(template(), 1).tolerance is None
    given = instantiate(template(tolerance=0.001, unit="rad"), 1)
    assert (given.tolerance, given.rel_tolerance, given.unit) == (0.001, None, "rad")


def test_lab_settings_get_the_drawn_parameters():
    link = LabLink("gradient-clipping", {"threshold": 99, "mode": "value", "kept": 1})
    instance = instantiate(template(lab=link), seed=4)
    p = instance.params
    assert instance.lab == LabLink(
        "gradient-clipping",
        {"threshold": p["max_norm"], "mode": "norm", "kept": 1, "grad": [p["g1"], p["g2"]]},
    )


def test_template_without_lab_links_the_computation_lab():
    instance = instantiate(template("dropout_scale", (spec("p", "uniform", 0.1, 0.9, decimals=2),)), 1)
    assert instance.lab == LabLink("dropout", {"p": instance.params["p"], "training": True})


def test_link_to_another_lab_is_kept_as_written():
    link = LabLink("optimizers", {"lr": 0.1})
    assert instantiate(template(lab=link), seed=4).lab == link


def test_grading_an_instance():
    for seed in range(5):
        instance = instantiate(template(), seed)
        assert grade(instance, str(instance.value))
        assert grade(instance, f"{instance.value:.4g}")
        assert not grade(instance, str(instance.value * 1.5 + 1))


def test_quiz_seam_finds_instantiate():
    from studyapp.quiz.instances import load_instantiate, worked_solution

    assert load_instantiate() is instantiate
    assert worked_solution(instantiate(template(), 1)) == instantiate(template(), 1).solution


def test_list_computations_is_json_ready():
    listed = list_computations()
    assert json.loads(json.dumps(listed)) == listed
    assert [c["name"] for c in listed] == sorted(c["name"] for c in listed)
    clip = next(c for c in listed if c["name"] == "clip_norm_component")
    assert clip["lab"] == "gradient-clipping" and clip["description"]
    assert [p["name"] for p in clip["params"]] == ["g1", "g2", "max_norm"]
    assert all({"low", "high", "integer"} <= set(p) for p in clip["params"])
