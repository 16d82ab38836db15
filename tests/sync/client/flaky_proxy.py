"""A small TCP proxy on 127.0.0.1 that drops, cuts and delays connections, then heals.

A new connection may be refused at once; on a connection in use (HTTP keep-alive carries
many requests on one), each chunk passed along may be delayed, or the connection cut there,
mid-request or mid-answer. Only `faults` bad fates are handed out in all, and the proxy stops
by itself after `lifetime` seconds, so a test never hangs.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time


class FlakyProxy:
    def __init__(
        self, target_port: int, *, seed: int = 1, faults: int = 25, lifetime: float = 60.0
    ) -> None:
        self.target = ("127.0.0.1", target_port)
        self.rng = random.Random(seed)
        self.faults_left = faults
        self.deadline = time.monotonic() + lifetime
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.stats = {"drop": 0, "cut": 0, "delay": 0, "pass": 0}
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._socks: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> FlakyProxy:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        with self._lock:
            for sock in self._socks:
                sock.close()

    def _draw(self, odds: dict[str, float]) -> str:
        """One fate from `odds` (the rest is "pass"), while faults remain."""
        with self._lock:
            roll = self.rng.random()
            for fate, p in odds.items():
                if roll < p and self.faults_left > 0:
                    self.faults_left -= 1
                    self.stats[fate] += 1
                    return fate
                roll -= p
            return "pass"

    def _serve(self) -> None:
        while not self._stop.is_set() and time.monotonic() < self.deadline:
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                break
            if self._draw({"drop": 0.2}) == "drop":
                client.close()
                continue
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()
        self.listener.close()

    def _handle(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            client.close()
            return
        with self._lock:
            self._socks += [client, upstream]
        threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()
        self._pipe(upstream, client)

    def _pipe(self, src: socket.socket, dst: socket.socket) -> None:
        """Copy src to dst, now and then late, or cut part-way through a chunk."""
        try:
            while not self._stop.is_set():
                data = src.recv(65536)
                if not data:
                    break
                fate = self._draw({"cut": 0.04, "delay": 0.08})
                if fate == "cut":
                    dst.sendall(data[: self.rng.randint(0, len(data) - 1)])
                    break
                if fate == "delay":
                    time.sleep(self.rng.uniform(0.05, 0.4))
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
