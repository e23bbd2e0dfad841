"""`pack sample` (one generated instance) and `pack computations`."""

from __future__ import annotations

import json
import math

import pytest

from tests.commands.conftest import USER_PACK


@pytest.fixture
def installed(data_dir):
    (data_dir / "packs").mkdir(parents=True)
    (data_dir / "packs" / "my-pack.yaml").write_text(USER_PACK, encoding="utf-8")


def _sample(cli, *extra: str) -> dict:
    code, out, err = cli("pack", "sample", "my-pack", "gen", *extra, "--json")
    assert code == 0, err
    return json.loads(out)


def test_same_seed_same_instance_and_the_answer_is_sigmoid_prime(cli, installed):
    first = _sample(cli, "--seed", "7")
    assert _sample(cli, "--seed", "7") == first
    assert set(first) >= {
        "prompt",
        "params",
        "answer",
        "unit",
        "tolerance",
        "rel_tolerance",
        "solution",
        "lab",
    }
    assert first["seed"] == 7
    x = first["params"]["x"]
    assert -3 <= x <= 3 and round(x, 2) == x
    s = 1 / (1 + math.exp(-x))
    assert first["answer"] == pytest.approx(s * (1 - s), rel=1e-12)
    assert first["tolerance"] == 0.001
    assert f"{x:g}" in first["prompt"] or str(x) in first["prompt"]


def test_different_seeds_draw_different_instances(cli, installed):
    drawn = {_sample(cli, "--seed", str(seed))["params"]["x"] for seed in range(5)}
    assert len(drawn) > 1


def test_without_a_seed_the_seed_used_is_printed(cli, installed):
    first = _sample(cli)
    assert isinstance(first["seed"], int)
    assert _sample(cli, "--seed", str(first["seed"])) == first


def test_text_output_names_the_seed(cli, installed):
    code, out, _ = cli("pack", "sample", "my-pack", "gen", "--seed", "3")
    assert code == 0 and "--seed 3" in out and out.startswith("σ'(x) at x = ")


def test_only_generated_questions_have_samples(cli, installed):
    code, out, err = cli("pack", "sample", "my-pack", "pick", "--json")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "is a mcq question, not a generated one" in err
    code, _, err = cli("pack", "sample", "my-pack", "nope")
    assert code == 2 and "has no question 'nope'" in err


def test_computations_list_names_and_parameters(cli):
    code, out, _ = cli("pack", "computations", "--json")
    assert code == 0
    listed = {c["name"]: c for c in json.loads(out)}
    assert [p["name"] for p in listed["sigmoid_derivative"]["params"]] == ["x"]
    assert [p["name"] for p in listed["clip_norm_component"]["params"]] == ["g1", "g2", "max_norm"]
    code, out, _ = cli("pack", "computations")
    assert code == 0 and any(line.startswith("sigmoid_derivative(x)") for line in out.splitlines())
