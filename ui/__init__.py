"""PySide6 user interface. Calls station_app services only."""
