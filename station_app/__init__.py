"""Station app core: domain model, storage, services and CLI.

This package imports no Qt and no HTTP library; the `ui` and `sync` packages sit on it.
"""

__version__ = "0.1.0"
