"""`python -m station_app` is the same as `station-app`."""

import sys

from station_app.cli import main

sys.exit(main())
