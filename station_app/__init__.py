"""Station app core: domain model, storage, services and CLI.

This package imports no Qt and no HTTP library; the `ui` and `sync` packages sit on it.
"""


def __getattr__(name: str) -> str:
    """`station_app.__version__`: pyproject.toml's version, the one place it is written (the
    frozen app carries the package metadata too). Looked up on first use only: importing
    importlib.metadata costs every process (the window, each OCR worker) tens of ms."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("station-app")
        except PackageNotFoundError:  # a bare source tree that was never pip-installed
            return "0+unknown"
    raise AttributeError(f"module 'station_app' has no attribute {name!r}")
