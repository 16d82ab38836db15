"""Station app core: domain model, storage, services and CLI.

This package imports no Qt and no HTTP library; the `ui` and `sync` packages sit on it.
"""

from importlib.metadata import PackageNotFoundError, version

try:  # pyproject.toml is the one place the version is written (the frozen app carries it too)
    __version__ = version("station-app")
except PackageNotFoundError:  # a bare source tree that was never pip-installed
    __version__ = "0+unknown"
