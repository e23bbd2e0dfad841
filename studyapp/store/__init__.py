"""SQLite storage: one database file in the data dir, versioned by `PRAGMA user_version`."""
