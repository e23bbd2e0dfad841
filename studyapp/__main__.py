"""`python -m studyapp` runs the CLI."""

from studyapp.cli import main

raise SystemExit(main())
