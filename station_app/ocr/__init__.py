"""Headless OCR for postbox letters: intake, page preparation, engines, worker pool, fields.

Import the submodules you need (`station_app.ocr.pool`, `.intake`, `.extract`, ...). None of
them imports cv2, onnxruntime or rapidocr at import time: those load only inside the OCR
worker processes (or lazily inside a function), because importing opencv in the Qt UI process
breaks Qt's plugin path.
"""

from __future__ import annotations
