"""One module per screen or dialog: setup, login, entry form, list, detail, settings."""
