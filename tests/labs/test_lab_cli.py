"""`studyapp lab list` and `studyapp lab NAME --set k=v [--json]`: output, settings, one-line errors."""

import json
import subprocess
import sys

import pytest

from studyapp.cli import main
from studyapp.labs import lab_names


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_describes_every_lab_and_its_settings(capsys):
    code, out, _ = run(capsys, "lab", "list", "--json")
    labs = {lab["name"]: lab for lab in json.loads(out)}
    assert code == 0 and list(labs) == lab_names()
    params = {p["name"]: p for p in labs["gradient-clipping"]["params"]}
    assert params["grad"]["kind"] == "vector" and params["grad"]["default"] == [3.0, 4.0]
    assert params["grad"]["max_len"] >= 2 and params["threshold"]["low"] > 0
    assert params["mode"]["choices"] == ["norm", "value"]
    depth = {p["name"]: p for p in labs["vanishing-gradients"]["params"]}["depth"]
    assert (depth["low"], depth["high"], depth["default"]) == (1, 60, 10) and depth["help"]
    assert all(lab["title"] and lab["summary"] for lab in labs.values())


def test_list_as_text_names_every_lab(capsys):
    code, out, _ = run(capsys, "lab", "list")
    assert code == 0
    for name in lab_names():
        assert f"{name}: " in out
    assert "settings: grad=3,4, threshold=1.0, mode=norm" in out


def test_run_json_applies_the_settings(capsys):
    code, out, err = run(
        capsys, "lab", "gradient-clipping", "--set", "mode=value", "--set", "grad=3,4", "--json"
    )
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["clipped"] == [1.0, 1.0] and data["direction_kept"] is False


def test_out_of_bounds_settings_are_clamped_not_refused(capsys):
    code, out, _ = run(capsys, "lab", "vanishing-gradients", "--set", "depth=0", "--set", "width=4", "--json")
    assert code == 0 and len(json.loads(out)["layer_grad_norms"]) == 1
    code, out, _ = run(capsys, "lab", "dropout", "--set", "p=3", "--set", "training=no", "--json")
    data = json.loads(out)
    assert code == 0 and data["p"] == 0.95 and data["training"] is False and data["output"] == data["input"]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["lab", "dropout", "--set", "q=1", "--json"], "no setting 'q'"),
        (["lab", "dropout", "--set", "p=abc", "--json"], "'abc' is not a valid float"),
        (["lab", "dropout", "--set", "p", "--json"], "expected KEY=VALUE"),
        (["lab", "dropout", "--set", "=1", "--json"], "expected KEY=VALUE"),
        (["lab", "gradient-clipping", "--set", "mode=l3", "--json"], "'l3' is not one of norm, value"),
        (["lab", "activation-functions", "--set", "function=swish"], "'swish' is not one of"),
        (["lab", "no-such-lab"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("studyapp: error: ") and words in err


@pytest.fixture
def opened(monkeypatch) -> list[dict]:
    """The keyword arguments of every StudyApp the CLI opens (a stand-in that never starts)."""
    calls: list[dict] = []

    class FakeApp:
        def __init__(self, **kwargs) -> None:
            calls.append(kwargs)

        def run(self) -> None:
            pass

    monkeypatch.setattr("studyapp.ui.app.StudyApp", FakeApp)
    return calls


def test_without_json_the_app_opens_at_the_lab_with_clamped_settings(capsys, tmp_path, opened):
    code, _, _ = run(
        capsys, "--data-dir", str(tmp_path), "lab", "dropout", "--set", "p=0.99", "--set", "seed=4"
    )
    assert code == 0
    [kwargs] = opened
    assert kwargs["data_dir"] == tmp_path and kwargs["pack_dirs"] == []
    assert kwargs["start_lab"] == ("dropout", {"p": 0.95, "training": True, "seed": 4})


def test_a_bad_setting_never_opens_the_app(capsys, tmp_path, opened):
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "lab", "dropout", "--set", "p=x")
    assert code == 2 and opened == [] and err.count("\n") == 1


def test_building_the_cli_loads_no_lab_module_or_numpy():
    code = (
        "import sys, studyapp.cli\n"
        "studyapp.cli.build_parser()\n"
        "loaded = [m for m in sys.modules if m.startswith(('numpy', 'studyapp.labs.', 'studyapp.engine'))]\n"
        "print(','.join(loaded))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "studyapp.labs.base"
