"""Storage: engine, tables, migrations, and the open station."""

from station_app.store.engine import Database
from station_app.store.station import Station

__all__ = ["Database", "Station"]
