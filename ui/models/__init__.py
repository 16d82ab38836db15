"""Qt item models over station_app queries."""
