#!/usr/bin/env bash
# Sets up everything the app needs on a fresh Debian/Ubuntu machine: system packages (when
# run as root, or with sudo available), a virtual environment in .venv, and the package.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  # Qt's xcb platform plugin and EGL/GL libraries
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libxkbcommon0 libegl1 libgl1
  libopengl0 libfontconfig1 libdbus-1-3 libglib2.0-0
  # Chinese fonts, OCR engine with simplified Chinese
  fonts-noto-cjk tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng
  # the Kai font of the handwriting-like test letters (tests/ocr/corpus.py)
  fonts-arphic-ukai
  # virtual display for tests and screenshots; PDF to image; PostgreSQL for HQ server tests
  xvfb xdotool x11-utils poppler-utils postgresql
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
fi
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO=none; fi
  if [ "$SUDO" = none ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "Please install these system packages (as root), then run again:" >&2
    echo "  apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
# rapidocr-onnxruntime pulls in opencv-python (with its own Qt plugins); the headless build
# must win so that cv2 never fights PySide6 over QT_QPA_PLATFORM_PLUGIN_PATH.
.venv/bin/python -m pip uninstall -q -y opencv-python >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q --force-reinstall --no-deps "$(.venv/bin/python scripts/requirement.py opencv-python-headless)"
touch .venv/.installed
