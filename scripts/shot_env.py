"""What every screenshot script sets up before it imports Qt or the app: offscreen Qt (unless
QT_QPA_PLATFORM says otherwise, e.g. xcb under Xvfb), the repository on sys.path, and a
throwaway file keyring (the station's key never touches the real keyring).

    import shot_env  # first, before PySide6 and station_app
    from shot_env import ROOT, app_args
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
KEYS = tempfile.mkdtemp(prefix="shot-keys-")
os.environ["STATION_APP_KEY_FILE"] = os.path.join(KEYS, "keys.json")
os.environ["PYTHON_KEYRING_BACKEND"] = "station_app.security.keystore.ConfigFileKeyring"


def app_args() -> list[str]:
    """QApplication's arguments: offscreen, the screen is a station's 1366x768 laptop (Qt's
    default offscreen screen is 800x800, and the window fits itself to the screen)."""
    args = sys.argv[:1]
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        screen = ROOT / "tests" / "screen-1366x768.json"
        args += ["-platform", f"offscreen:configfile={screen}"]
    return args
