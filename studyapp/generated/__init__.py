"""Generated questions: templates whose parameters are drawn per instance and whose answers the engine
computes (`instantiate`), and the registry of computations packs may name (`list_computations`)."""

from studyapp.generated.computation import Bound, Computation
from studyapp.generated.instance import GeneratedInstance, check_template, instantiate
from studyapp.generated.registry import REGISTRY, get_computation, list_computations

__all__ = [
    "REGISTRY",
    "Bound",
    "Computation",
    "GeneratedInstance",
    "check_template",
    "get_computation",
    "instantiate",
    "list_computations",
]
