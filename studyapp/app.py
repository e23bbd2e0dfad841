"""`studyapp.app.StudyApp`: the Textual app (defined in `studyapp.ui.app`)."""

from studyapp.ui.app import StudyApp

__all__ = ["StudyApp"]
