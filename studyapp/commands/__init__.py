"""One module per CLI command; see `studyapp.cli` for the registration contract."""
