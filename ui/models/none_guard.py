"""Work-around for PySide6 6.12.0 on Python 3.11: every call of a void Qt method, and every
Python `data()` override that returns None to C++, drops one reference to `None` that was
never taken; emitting a bool signal does the same to True/False. CPython 3.12+ makes None immortal so nothing happens there; on 3.11 the count
reaches zero after some tens of thousands of calls and the process aborts with
"none_dealloc: deallocating None" (or "bool_dealloc"). 6.11.3 does not have the bug (checked here).

The real fix is to pin `PySide6-Essentials<6.12` (or run on Python 3.12+); until then call
`keep_none_alive()` once at start-up to give None, True and False reference counts no program can use up.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 40


def keep_none_alive() -> bool:
    """Make None, True and False effectively immortal on CPython < 3.12.
    Returns True if it changed anything."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    changed = False
    for obj in (None, True, False):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt: PyObject's first field
        if refcnt.value < _RESERVE:
            refcnt.value += _RESERVE
            changed = True
    return changed
