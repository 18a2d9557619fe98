"""The caseworker console: accounts, sessions, the HTTP API and the audit log."""
