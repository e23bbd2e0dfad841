"""The live labs. Each lab lives in its own module exposing `LAB` (a `base.Lab`); modules load lazily
so listing labs never imports NumPy until a lab is run."""

from __future__ import annotations

import importlib

from studyapp.errors import StudyAppError
from studyapp.labs.base import Lab

LAB_MODULES: dict[str, str] = {
    "gradient-clipping": "studyapp.labs.gradient_clipping",
    "vanishing-gradients": "studyapp.labs.vanishing_gradients",
    "dropout": "studyapp.labs.dropout",
    "activation-functions": "studyapp.labs.activation_functions",
    "loss-functions": "studyapp.labs.loss_functions",
    "optimizers": "studyapp.labs.optimizers",
    "overfitting": "studyapp.labs.overfitting",
}


def lab_names() -> list[str]:
    return list(LAB_MODULES)


def get_lab(name: str) -> Lab:
    """The lab called `name`; an unknown name is a StudyAppError listing the known ones."""
    module = LAB_MODULES.get(name)
    if module is None:
        raise StudyAppError(f"unknown lab {name!r} (labs: {', '.join(LAB_MODULES)})")
    return importlib.import_module(module).LAB
