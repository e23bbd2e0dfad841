"""The Textual UI: thin screens over the domain packages."""
