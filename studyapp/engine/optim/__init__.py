"""`torch.optim` for the engine, plus the course-style `EMAMomentum`."""

from studyapp.engine.optim.adam import Adam, AdamW
from studyapp.engine.optim.ema import EMAMomentum
from studyapp.engine.optim.optimizer import Optimizer
from studyapp.engine.optim.rmsprop import RMSprop
from studyapp.engine.optim.sgd import SGD

__all__ = ["SGD", "Adam", "AdamW", "EMAMomentum", "Optimizer", "RMSprop"]
