"""The server's listening socket, bound here rather than by uvicorn.

uvicorn binds the socket of a multi-worker server as ``socket.socket(AF_INET)``, protocol 0,
and asyncio only turns Nagle's algorithm off (TCP_NODELAY) on connections whose socket says
IPPROTO_TCP, so with ``--workers 2`` or more every keep-alive request waited for a delayed
ACK, about 40 ms (uvicorn issue 3149). This socket names its protocol and sets TCP_NODELAY on
the listener, which accepted connections inherit.
"""

from __future__ import annotations

import socket


def listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        if hasattr(socket, "SO_REUSEADDR") and not hasattr(socket, "SO_EXCLUSIVEADDRUSE"):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # not on Windows
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock
