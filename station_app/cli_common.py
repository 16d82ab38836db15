"""What every `station-app` command shares: opening the station named by --data-dir, and the
operator a command acts for. The core CLI (`cli.py`), the data-file commands and each
feature's subcommands use these, so none of them reaches into another's module."""

from __future__ import annotations

import argparse

from station_app.errors import StationError
from station_app.paths import DataDir, resolve_data_dir
from station_app.store import Station
from station_app.store.models import Operator


def open_station(args: argparse.Namespace) -> Station:
    """Open the station named by --data-dir (the one place CLI commands open storage)."""
    from station_app.security.keys import ensure_key
    from station_app.services.maintenance import health_check

    data = DataDir(resolve_data_dir(getattr(args, "data_dir", None)))
    key = ensure_key(data)
    station = Station.open(data.root, key=key)
    # every page's checksum (about 5 ms per MB): a damaged file is found before a command
    # writes into it; reads go on and say so (main's warning)
    health_check(data, key, "start", structure=False)
    return station


def acting_operator(station: Station, args: argparse.Namespace) -> Operator:
    """The operator named by --operator, or the first administrator (the PIN guards the
    window, not the shell: see the README)."""
    from sqlmodel import select

    from station_app.services.common import first_admin

    with station.db.read() as s:
        if getattr(args, "operator", None):
            op = s.exec(select(Operator).where(Operator.name == args.operator)).first()
            if op is None:
                raise StationError("error.not_found", what=args.operator)
            return op
        return first_admin(s)
