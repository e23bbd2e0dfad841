"""Quizzes: a fixed set of questions, a score, optionally a clock.

`options.QuizOptions` says what to ask, `session.QuizSession.start(pack, options, clock=..., recorder=...)`
runs it, `result.QuizResult` sums it up, `recording.AttemptRecorder` stores it as it happens, and
`durations.parse_duration` reads "10m" / "1m30s". Import from the submodules: this package stays light.
"""
