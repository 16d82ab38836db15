#!/usr/bin/env bash
# `make package`: freezes the app with PyInstaller (packaging/station-app.spec) and wraps the
# one-folder build as build/station-app_<version>_amd64.deb with dpkg-deb.
#
# Everything comes from the project's files, PyPI (into a build venv) and Debian's packages.
# VERSION=1.2.3 builds that version (a copy of the tree with pyproject's version set), e.g. to
# test an upgrade; the default is pyproject.toml's version. DEB_COMPRESS=gzip: a quicker build.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=$ROOT/build
PYTHON=${PYTHON:-python3}
BASE_VERSION=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
VERSION=${VERSION:-$BASE_VERSION}

command -v dpkg-deb >/dev/null || { echo "needs dpkg-deb (a Debian-based system)" >&2; exit 1; }

# 1. a copy of the tree (so pip's and PyInstaller's work files stay out of it), version set
SRC=$BUILD/src-$VERSION
rm -rf "$SRC" && mkdir -p "$SRC"
tar -cf - --exclude ./.venv --exclude ./build --exclude ./dist --exclude ./.git \
  --exclude __pycache__ --exclude '*.egg-info' --exclude ./bench --exclude ./tests \
  --exclude ./docs . | tar -xf - -C "$SRC"
if [ "$VERSION" != "$BASE_VERSION" ]; then
  sed -i "0,/^version = .*/s//version = \"$VERSION\"/" "$SRC/pyproject.toml"
fi

# 2. a build venv with the station's own dependencies (GUI, OCR, the sync client) and
#    PyInstaller; no test tools and no HQ server
VENV=$BUILD/pkg-venv
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
fi
"$VENV/bin/python" -m pip install -q "pyinstaller>=6.10" "requests>=2.31"
"$VENV/bin/python" -m pip install -q --force-reinstall --no-deps "$SRC"
"$VENV/bin/python" -m pip install -q "$SRC[gui,ocr]"
# as in bootstrap.sh: opencv-python (pulled in by rapidocr) must give way to the headless build
# at the version pyproject.toml asks for; only the headless one is frozen
"$VENV/bin/python" -m pip uninstall -q -y opencv-python >/dev/null 2>&1 || true
"$VENV/bin/python" -m pip install -q --force-reinstall --no-deps "$("$PYTHON" "$ROOT/scripts/requirement.py" opencv-python-headless)"

# 3. freeze
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN \
  --distpath "$BUILD/dist" --workpath "$BUILD/pyi-work" "$SRC/packaging/station-app.spec"
APP=$BUILD/dist/station-app
# symbols out of every library that still carries them (a stripped copy is kept only when the
# loader takes it as it takes the original), and the system libraries that only the dropped
# Qt plugins needed (GTK, Wayland): about 40 MB
"$VENV/bin/python" "$SRC/packaging/linux/prune_libs.py" "$APP"
"$APP/station-app" --version
# the oldest C library this build runs on: the newest GLIBC_ symbol version anything asks for
GLIBC=$(find "$APP" -type f \( -name '*.so*' -o -name station-app \) -exec objdump -T {} + 2>/dev/null \
  | grep -oE 'GLIBC_[0-9]+\.[0-9]+' | sort -Vu | tail -1 | cut -d_ -f2)

# 4. the .deb tree
PKG=station-app_${VERSION}_amd64
DEB=$BUILD/deb/$PKG
rm -rf "$DEB" && mkdir -p "$DEB/DEBIAN" "$DEB/opt" "$DEB/usr/bin" \
  "$DEB/usr/share/applications" "$DEB/usr/share/icons/hicolor/256x256/apps" \
  "$DEB/usr/lib/systemd/user" "$DEB/usr/share/doc/station-app"
cp -a "$APP" "$DEB/opt/station-app"
L=$SRC/packaging/linux
install -m 755 "$L/station-app.sh" "$DEB/usr/bin/station-app"
install -m 644 "$L/station-app.desktop" "$DEB/usr/share/applications/station-app.desktop"
if command -v desktop-file-validate >/dev/null; then # Debian's desktop-file-utils
  desktop-file-validate "$DEB/usr/share/applications/station-app.desktop"
fi
install -m 644 "$SRC/packaging/station-app.png" "$DEB/usr/share/icons/hicolor/256x256/apps/station-app.png"
install -m 644 "$L/station-app-sync.service" "$L/station-app-sync.timer" "$DEB/usr/lib/systemd/user/"
install -m 755 "$L/postinst" "$L/postrm" "$DEB/DEBIAN/"
install -m 644 "$SRC/README.md" "$DEB/usr/share/doc/station-app/README.md"
# owner-only data is the app's business; the program files are world-readable, root-owned
find "$DEB/opt" -type d -exec chmod 755 {} + && chmod -R u+rw,go+r,go-w "$DEB/opt"
INSTALLED_KB=$(du -sk --exclude=DEBIAN "$DEB" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@INSTALLED_KB@/$INSTALLED_KB/" -e "s/@GLIBC@/$GLIBC/" \
  "$L/control.in" >"$DEB/DEBIAN/control"

# xz is what every dpkg reads; DEB_COMPRESS=gzip is much quicker for a test build
dpkg-deb --root-owner-group -Z"${DEB_COMPRESS:-xz}" -z6 --threads-max=2 --build "$DEB" "$BUILD/$PKG.deb" >/dev/null
echo "built $BUILD/$PKG.deb ($(du -h "$BUILD/$PKG.deb" | cut -f1), installed $((INSTALLED_KB / 1024)) MB)"
