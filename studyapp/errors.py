"""The one error type users see: its message is a single readable line."""


class StudyAppError(Exception):
    """A problem caused by input or environment, shown to the user as one line (CLI exit code 2)."""

    def __str__(self) -> str:
        return " ".join(super().__str__().split())
