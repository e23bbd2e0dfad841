"""Progress statistics over the study database: pure functions of a connection, the loaded packs and `now`.

Days are local calendar days of this machine; `summary` gathers everything the stats screen and
`studyapp stats --json` show.
"""
