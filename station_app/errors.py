"""Errors the user can act on. Each carries a message key from `station_app.i18n`."""

from __future__ import annotations

from typing import Any


class StationError(Exception):
    """Base for errors shown to the user in plain words."""

    key = "error.unexpected"

    def __init__(self, key: str | None = None, /, **params: Any) -> None:
        if key:
            self.key = key
        self.params = params
        super().__init__(self.key)

    def message(self, lang: str | None = None) -> str:
        from station_app.i18n import tr

        return tr(self.key, lang=lang, **self.params)

    def __str__(self) -> str:
        return self.message()


class ValidationError(StationError):
    """One or more fields are wrong; `problems` maps field name to message key and params."""

    key = "error.validation"

    def __init__(self, problems: dict[str, tuple[str, dict[str, Any]]]) -> None:
        super().__init__()
        self.problems = problems

    def field_messages(self, lang: str | None = None) -> dict[str, str]:
        from station_app.i18n import tr

        return {f: tr(k, lang=lang, **p) for f, (k, p) in self.problems.items()}

    def message(self, lang: str | None = None) -> str:
        from station_app.i18n import tr

        lines = [tr("error.validation", lang=lang)]
        lines += [f"· {m}" for m in self.field_messages(lang).values()]
        return "\n".join(lines)


class StorageFullError(StationError):
    key = "error.storage_full"


class StorageError(StationError):
    key = "error.storage"


class NotSetUp(StationError):
    key = "error.not_set_up"


class AlreadySetUp(StationError):
    key = "error.already_set_up"


class AuthError(StationError):
    key = "error.auth"


class LockedOut(StationError):
    key = "error.locked_out"


class PermissionDenied(StationError):
    key = "error.permission"


class NotFound(StationError):
    key = "error.not_found"


class InvalidState(StationError):
    key = "error.invalid_state"


class BackupError(StationError):
    key = "error.backup"


class HQUnavailable(StationError):
    key = "error.hq_unavailable"


def os_reason(exc: OSError) -> str:
    """The system's own words for a file error (its strerror, else its kind), for the `reason`
    or `detail` of a message: the one way station_app words an OSError for the user."""
    return exc.strerror or type(exc).__name__
