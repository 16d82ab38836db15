#!/usr/bin/env bash
# `make package-test`: the .deb on a clean Debian 12, as a station PC without internet gets it.
#
#  1. debootstrap a minimal bookworm root (from the Debian mirror this machine's apt uses; the
#     base is kept in $PACKAGE_TEST_DIR and copied fresh for every run);
#  2. `dpkg -i` the package, then `apt-get -f install --no-install-recommends`: only the
#     declared dependencies come in;
#  3. as a plain user, with no network (unshare -n): --version, init, demo --count 100, search,
#     import-scans of a rendered letter with RapidOCR, backup, check, export; the window under
#     Xvfb (on this machine, the X socket shared into the root) to the login screen, timed, and
#     a screenshot;
#  4. the data folder put back to the previous schema (the latest migration undone, rows kept),
#     then a newer build (version bumped) installed over it: the data opens and is migrated
#     (`check` finds the schema at the new build's version, above the old one), the export
#     and a search are the same as before: nothing lost;
#  5. the package removed, then purged: the data folder and the key stay.
# Needs root, debootstrap, Xvfb and xdotool. OLD_DEB / NEW_DEB take existing packages (e.g.
# last release's .deb as OLD_DEB, to test a real upgrade); by default both are built here.
# Prints figures (sizes, time to the login screen against the same from source, peak memory).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
WORK=${PACKAGE_TEST_DIR:-/var/tmp/station-app-pkgtest}
DISPLAY_NUM=${PACKAGE_TEST_DISPLAY:-97}
OUT=$REPO/build/package-test
VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
NEW_VERSION=${NEW_VERSION:-$VERSION.post1}
RUNS=${PACKAGE_TEST_RUNS:-3}

[ "$(id -u)" = 0 ] || { echo "package-test needs root (debootstrap, chroot, unshare)" >&2; exit 1; }
need=()
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
if ((${#need[@]})); then apt-get install -y -qq --no-install-recommends "${need[@]}"; fi

if [ -z "${OLD_DEB:-}" ]; then
  OLD_DEB=build/station-app_${VERSION}_amd64.deb
  [ -f "$OLD_DEB" ] || ./scripts/build_package.sh
fi
if [ -z "${NEW_DEB:-}" ]; then
  NEW_DEB=build/station-app_${NEW_VERSION}_amd64.deb
  [ "$NEW_DEB" -nt "$OLD_DEB" ] || VERSION=$NEW_VERSION ./scripts/build_package.sh
fi
OLD_VERSION=$(dpkg-deb -f "$OLD_DEB" Version)
NEW_VERSION=$(dpkg-deb -f "$NEW_DEB" Version)
mkdir -p "$OUT" "$WORK"

# ---- 1. a clean Debian 12 root ------------------------------------------------------------
MIRROR=${DEBIAN_MIRROR:-$(grep -rhoE 'https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list \
  /etc/apt/sources.list.d/ 2>/dev/null | head -1 | tr -d ' ' || true)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
BASE=$WORK/base-bookworm
if [ ! -d "$BASE" ]; then
  rm -rf "$BASE.tmp"
  debootstrap --variant=minbase bookworm "$BASE.tmp" "$MIRROR"
  mv "$BASE.tmp" "$BASE"
fi
RFS=$WORK/root
XVFB_PID=""
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  for m in "$RFS/tmp/.X11-unix" "$RFS/dev/shm" "$RFS/proc"; do
    mountpoint -q "$m" && umount "$m"
  done
  return 0
}
trap cleanup EXIT
cleanup
rm -rf "$RFS"
cp -a "$BASE" "$RFS"
mount -t proc proc "$RFS/proc"
mount -t tmpfs -o mode=1777 shm "$RFS/dev/shm" # as on any running system (multiprocessing)
cp /etc/resolv.conf "$RFS/etc/resolv.conf"
PATHS=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
as_root() { chroot "$RFS" /usr/bin/env -i "$PATHS" HOME=/root LANG=C.UTF-8 "$@"; }
# the station's user, with no network at all (a new network namespace has only a loopback)
USER_CMD=(unshare -n chroot --userspec=1000:1000 "$RFS" /usr/bin/env -i "$PATHS"
  HOME=/home/station LANG=C.UTF-8 USER=station DISPLAY=":$DISPLAY_NUM")
as_user() { "${USER_CMD[@]}" "$@"; }
step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

# ---- 2. install with the declared dependencies only -----------------------------------------
step "install $OLD_DEB on a fresh bookworm root"
cp "$OLD_DEB" "$RFS/tmp/old.deb"
cp "$NEW_DEB" "$RFS/tmp/new.deb"
as_root apt-get update -qq
as_root dpkg -i /tmp/old.deb >"$OUT/dpkg-old.log" 2>&1 || true # dependencies not there yet
as_root env DEBIAN_FRONTEND=noninteractive apt-get -f install -y -q --no-install-recommends \
  >"$OUT/apt.log" 2>&1 || { tail -20 "$OUT/apt.log"; fail "apt-get -f install"; }
grep -E "newly installed|additional disk space" "$OUT/apt.log" || true
as_root dpkg-query -W -f='${Status} ${Version}\n' station-app | grep -q "install ok installed $OLD_VERSION" \
  || fail "station-app $OLD_VERSION is not installed"
INSTALLED_KB=$(as_root dpkg-query -W -f='${Installed-Size}' station-app)
OPT_MB=$(du -sm "$RFS/opt/station-app" | cut -f1)
as_root useradd -m -u 1000 -s /bin/sh station
DATA=$RFS/home/station/.local/share/station-app

# ---- 3. the commands, offline ---------------------------------------------------------------
step "station-app --version (no network)"
as_user station-app --version | tee "$OUT/version-old.txt"
grep -qx "station-app $OLD_VERSION" "$OUT/version-old.txt" || fail "--version"
[ "$(as_user cat /proc/net/dev | grep -c ':')" = 1 ] || fail "the user's commands can reach a network"

step "init, demo --count 100"
as_user station-app init --code PT-PKG01 --name 包测试工作站 --district 普陀区 \
  --street 长寿路街道 --admin 管理员 --admin-pin 1234
as_user station-app demo --count 100

step "search 停车"
as_user station-app search 停车 --json --limit 1000 >"$OUT/search-before.json"
HITS=$(grep -c '^{' "$OUT/search-before.json" || true)
echo "$HITS suggestions found"
[ "$HITS" -gt 0 ] || fail "search found nothing in 100 demo suggestions"

step "import-scans of a rendered letter with RapidOCR"
if [ -x "$REPO/.venv/bin/python" ]; then # a letter rendered now, with text the app never saw
  PYTHONPATH=$REPO "$REPO/.venv/bin/python" -c 'import sys
from tests.ocr.letters import SECOND_BODY, SECOND_TITLE, render_letter
render_letter(SECOND_TITLE, SECOND_BODY).save(sys.argv[1])' "$RFS/home/station/letter.png"
  EXPECT=加装电梯
else # the sample letter, rendered the same way by tests/ocr/letters.py
  cp resources/sample_letters/letter_upright.png "$RFS/home/station/letter.png"
  EXPECT=停车
fi
chown 1000:1000 "$RFS/home/station/letter.png"
/usr/bin/time -f %M -o "$OUT/import-maxrss-kb.txt" \
  "${USER_CMD[@]}" station-app import-scans /home/station/letter.png --engine rapidocr --json \
  >"$OUT/import.json"
python3 - "$OUT/import.json" "$EXPECT" <<'EOF'
import json, sys
pages = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.startswith("{")]
ok = [p for p in pages
      if (p.get("engine") or "").startswith("rapidocr") and sys.argv[2] in (p.get("text") or "")]
print(f"{len(pages)} page(s); engine {pages[0].get('engine') if pages else '-'}; "
      f"'{sys.argv[2]}' read: {bool(ok)}")
sys.exit(0 if ok else 1)
EOF

step "backup, check, export"
as_user station-app backup -o /home/station/before-upgrade.backup
as_user station-app check
as_user station-app export --format csv -o /home/station/before.csv
wc -l <"$RFS/home/station/before.csv" | xargs echo "rows exported (with header):"

step "the window under Xvfb, to the login screen"
# (re)started when gone: on a shared machine another session's clean-up may end it
# -noreset: no server reset when the last window closes, which would refuse the next launch
ensure_xvfb() {
  [ -n "$XVFB_PID" ] && kill -0 "$XVFB_PID" 2>/dev/null && xdotool getdisplaygeometry >/dev/null \
    && return 0
  [ -n "$XVFB_PID" ] && echo "(Xvfb :$DISPLAY_NUM had gone; started again)" >&2
  Xvfb ":$DISPLAY_NUM" -screen 0 1366x768x24 -nolisten tcp -noreset >>"$OUT/xvfb.log" 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 100); do
    xdotool getdisplaygeometry >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  fail "Xvfb :$DISPLAY_NUM did not start (see $OUT/xvfb.log)"
}
export DISPLAY=":$DISPLAY_NUM"
ensure_xvfb
mkdir -p "$RFS/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$RFS/tmp/.X11-unix"
# seconds from launch until a visible login window; prints "<seconds> <peak RSS MB>". The
# command must be a program (exec'd in place), so that $! is the app itself.
time_to_login() {
  local t0 t1 rss shown=""
  t0=$(date +%s.%N)
  "$@" >>"$OUT/gui.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 3000); do
    xdotool search --onlyvisible --name '^(登录|Log in)$' >/dev/null 2>&1 && shown=1 && break
    kill -0 "$APP_PID" 2>/dev/null || { tail -5 "$OUT/gui.log" >&2; fail "the app ended before its login screen"; }
    sleep 0.02
  done
  t1=$(date +%s.%N)
  if [ -z "$shown" ]; then
    kill "$APP_PID"
    fail "no login screen after a minute or more (see $OUT/gui.log)"
  fi
  rss=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$APP_PID/status")
  [ -n "${SHOT:-}" ] && sleep 1 && "$REPO/build/pkg-venv/bin/python" -c \
    'import sys; from PIL import ImageGrab; ImageGrab.grab(xdisplay=sys.argv[1]).save(sys.argv[2])' \
    "$DISPLAY" "$SHOT"
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
  echo "$(python3 -c "print(f'{$t1 - $t0:.2f}')") $rss"
}
ensure_xvfb
t=$(SHOT=$OUT/login-installed.png time_to_login "${USER_CMD[@]}" station-app gui) || exit 1
echo "$t" | tee "$OUT/gui-installed-first.txt"
echo "screenshot: $OUT/login-installed.png"
# no desktop keyring in the root: the key is in the user's 0600 fallback file
KEY=$RFS/home/station/.config/station-app/keys.json
[ -s "$KEY" ] || fail "no key file at $KEY"
# the same from source (the developer venv), on a copy of the same data and key
# the keyring entry is named after the data folder's path: the same key under another path's
# name (the folder as this machine sees it, or a copy of it), in a key file of its own
key_for_path() { # KEY_FILE_OUT PATH
  (umask 077 && PYTHONPATH=$REPO "$REPO/.venv/bin/python" - "$KEY" "$1" \
    /home/station/.local/share/station-app "$2" <<'EOF'
import json, sys
from pathlib import Path
from station_app.paths import DataDir
from station_app.security.keys import keyring_user
from station_app.security.keystore import SERVICE
key_file, copy, root, new_root = sys.argv[1:]
old, new = keyring_user(DataDir(Path(root))), keyring_user(DataDir(Path(new_root)))
entries = json.loads(Path(key_file).read_text(encoding="utf-8"))[SERVICE]
moved = {name.replace(old, new, 1): v for name, v in entries.items() if name.startswith(old)}
Path(copy).write_text(json.dumps({SERVICE: moved}), encoding="utf-8")
EOF
  )
}
SRC_DATA=$WORK/source-run
if [ -x "$REPO/.venv/bin/station-app" ]; then
  rm -rf "$SRC_DATA" && mkdir -p "$SRC_DATA"
  cp -a "$DATA" "$SRC_DATA/data"
  key_for_path "$SRC_DATA/key" "$SRC_DATA/data"
fi
: >"$OUT/gui-times.txt"
for i in $(seq "$RUNS"); do
  ensure_xvfb
  t=$(time_to_login "${USER_CMD[@]}" station-app gui) || exit 1
  echo "installed $t" | tee -a "$OUT/gui-times.txt"
  if [ -x "$REPO/.venv/bin/station-app" ]; then
    ensure_xvfb
    t=$(time_to_login env QT_QPA_PLATFORM=xcb STATION_APP_KEY_FILE="$SRC_DATA/key" \
      PYTHON_KEYRING_BACKEND=station_app.security.keystore.ConfigFileKeyring \
      "$REPO/.venv/bin/station-app" gui --data-dir "$SRC_DATA/data") || exit 1
    echo "source $t" | tee -a "$OUT/gui-times.txt"
  fi
done

# ---- 4. a newer build over it ---------------------------------------------------------------
# The data folder as the previous release left it: the latest migration undone, every row
# kept (scripts/package_test_old_schema.py), so that the newer build migrates real data on
# opening. Nothing of the old build runs after this (it would migrate the folder itself).
step "the data folder back to the previous schema"
[ -x "$REPO/.venv/bin/python" ] || fail "needs the developer venv (make setup) to open the data"
key_for_path "$WORK/old-schema-key" "$DATA"
PYTHONPATH=$REPO "$REPO/.venv/bin/python" "$REPO/scripts/package_test_old_schema.py" "$DATA" \
  "$WORK/old-schema-key" | tee "$OUT/schema-before-upgrade.txt"
rm -f "$WORK/old-schema-key"
chown -R 1000:1000 "$DATA"
OLD_SCHEMA=$(grep -oE '^schema v[0-9]+' "$OUT/schema-before-upgrade.txt" | grep -oE '[0-9]+')

step "upgrade to $NEW_VERSION"
as_root dpkg -i /tmp/new.deb >"$OUT/dpkg-new.log" 2>&1 || {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -f install -y -q --no-install-recommends \
    >>"$OUT/dpkg-new.log" 2>&1 || fail "upgrade (see $OUT/dpkg-new.log)"
}
as_user station-app --version | tee "$OUT/version-new.txt"
grep -qx "station-app $NEW_VERSION" "$OUT/version-new.txt" || fail "--version after the upgrade"
# the first command to open the station migrates it; `check` itself only reads
as_user station-app export --format csv -o /home/station/after.csv
cmp "$RFS/home/station/before.csv" "$RFS/home/station/after.csv" || fail "the export changed"
as_user station-app search 停车 --json --limit 1000 >"$OUT/search-after.json"
cmp "$OUT/search-before.json" "$OUT/search-after.json" || fail "the search results changed"
as_user station-app check | tee "$OUT/check-after-upgrade.txt"
NEW_SCHEMA=$(grep -oE 'schema v[0-9]+ \(app v[0-9]+\)' "$OUT/check-after-upgrade.txt") \
  || fail "check printed no schema version"
echo "schema before the upgrade v$OLD_SCHEMA; after: $NEW_SCHEMA"
[[ "$NEW_SCHEMA" =~ ^schema\ v([0-9]+)\ \(app\ v([0-9]+)\)$ ]] \
  && [ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ] && [ "${BASH_REMATCH[1]}" -gt "$OLD_SCHEMA" ] \
  || fail "the newer build did not migrate the data folder (v$OLD_SCHEMA -> $NEW_SCHEMA)"
echo "data migrated and checked; export and search identical before and after the upgrade"
ensure_xvfb
t=$(SHOT=$OUT/login-upgraded.png time_to_login "${USER_CMD[@]}" station-app gui) || exit 1
echo "window after the upgrade: $t; screenshot: $OUT/login-upgraded.png"

# ---- 5. remove, purge: the data stays ---------------------------------------------------------
step "remove and purge the package"
as_root dpkg -r station-app >"$OUT/dpkg-remove.log"
[ ! -e "$RFS/opt/station-app/station-app" ] && [ ! -e "$RFS/usr/bin/station-app" ] \
  || fail "program files left after dpkg -r"
as_root dpkg -P station-app >>"$OUT/dpkg-remove.log"
[ -s "$DATA/station.db" ] || fail "the data folder went with the package"
[ -s "$RFS/home/station/before-upgrade.backup" ] || fail "the backup went with the package"
[ -s "$KEY" ] || fail "the key went with the package"
ls "$DATA"
echo "program gone; data folder and key kept"

step "figures"
echo "$OLD_DEB: $(du -h "$OLD_DEB" | cut -f1); installed /opt/station-app: ${OPT_MB} MB; Installed-Size: $((INSTALLED_KB / 1024)) MB"
grep "additional disk space" "$OUT/apt.log" | sed 's/^/dependencies from Debian: /' || true
echo "import-scans (RapidOCR, 1 page) peak RSS of the largest process: $(($(cat "$OUT/import-maxrss-kb.txt") / 1024)) MB"
echo "launch to login screen, seconds and peak RSS MB (first installed run, cold): $(cat "$OUT/gui-installed-first.txt")"
python3 - "$OUT/gui-times.txt" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for kind in ("installed", "source"):
    secs = [float(r[1]) for r in rows if r[0] == kind]
    rss = [int(r[2]) for r in rows if r[0] == kind]
    if secs:
        print(f"{kind}: launch to login screen median {statistics.median(secs):.2f} s "
              f"(runs {', '.join(f'{s:.2f}' for s in secs)}), peak RSS {max(rss)} MB")
EOF
echo "package-test passed"
