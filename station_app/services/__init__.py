"""Services: what the UI, the CLI and sync call. Each takes an open `Station` and the actor."""
