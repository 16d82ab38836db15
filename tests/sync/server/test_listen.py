"""Nagle is off on HQ's connections, with one worker and with several (uvicorn issue 3149)."""

from __future__ import annotations

import ctypes
import os
import socket
import sys
from pathlib import Path

import pytest

from sync.server.listen import listening_socket
from sync.server.testing import HQServer

SYS_PIDFD_GETFD = 438  # the same number on every Linux architecture


def test_connections_accepted_on_the_listening_socket_have_nodelay() -> None:
    with listening_socket("127.0.0.1", 0) as server:
        server.listen(1)
        with socket.create_connection(server.getsockname()[:2]) as client:
            accepted, _ = server.accept()
            with accepted:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
                assert accepted.proto == socket.IPPROTO_TCP  # asyncio sets it on these too
            assert client.getsockname()


def _socket_inode(local_port: int, remote_port: int) -> str:
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if (
            int(fields[1].split(":")[1], 16) == local_port
            and int(fields[2].split(":")[1], 16) == remote_port
        ):
            return fields[9]
    raise AssertionError("connection not found in /proc/net/tcp")


def _borrow_fd(pid: int, fd: int) -> int:
    """A copy of another process's file descriptor (pidfd_getfd; our own child process)."""
    libc = ctypes.CDLL(None, use_errno=True)
    pidfd = os.pidfd_open(pid)
    try:
        copy = libc.syscall(SYS_PIDFD_GETFD, pidfd, fd, 0)
        if copy < 0:
            err = ctypes.get_errno()
            raise OSError(err, f"pidfd_getfd: {os.strerror(err)}")
        return copy
    finally:
        os.close(pidfd)


@pytest.mark.skipif(sys.platform != "linux", reason="reads another process's socket via Linux")
@pytest.mark.parametrize("workers", [1, 2])
def test_the_servers_accepted_connection_has_nodelay(tmp_path: Path, workers: int) -> None:
    hq = HQServer(tmp_path, workers=workers, test_faults=False)
    hq.start()
    try:
        with socket.create_connection(("127.0.0.1", hq.port), timeout=10) as client:
            client.sendall(b"GET /healthz HTTP/1.1\r\nHost: hq\r\n\r\n")
            assert client.recv(4096).startswith(b"HTTP/1.1 200")  # accepted and served
            inode = _socket_inode(hq.port, client.getsockname()[1])
            assert hq.process is not None
            pids = [hq.process.pid]
            children = Path(f"/proc/{hq.process.pid}/task/{hq.process.pid}/children")
            pids += [int(p) for p in children.read_text().split()]
            held = [
                (pid, int(fd))
                for pid in pids
                for fd in os.listdir(f"/proc/{pid}/fd")
                if _readlink(f"/proc/{pid}/fd/{fd}") == f"socket:[{inode}]"
            ]
            assert len(held) == 1, held
            copy = _borrow_fd(*held[0])
            with socket.socket(fileno=copy) as server_side:
                assert server_side.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
    finally:
        hq.close()


def _readlink(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return ""
