"""Spaced-repetition scheduling (FSRS via the `fsrs` package), kept apart from storage and the UI."""
