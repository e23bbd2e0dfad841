"""studyapp: a terminal study app for deep-learning interview prep."""

__version__ = "0.1.0"
