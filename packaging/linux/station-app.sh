#!/bin/sh
# /usr/bin/station-app: the installed app in /opt/station-app.
exec /opt/station-app/station-app "$@"
