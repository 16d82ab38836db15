"""The data key: setup, recovery key shown once, wrong/missing key, recovery on a new PC."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from station_app.cli import main
from station_app.paths import DataDir
from station_app.security import keys
from station_app.security.keys import acknowledge_recovery_key, ensure_key, pending_recovery_key
from station_app.security.keystore import ConfigFileKeyring
from station_app.security.messages import KeyMissing, KeyWrong, RecoveryKeyWrong
from station_app.services.query import list_page
from station_app.store import Station
from station_app.store.models import Operator

from .conftest import MemoryKeyring
from .helpers import record


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.parent.name != "logs"  # the CLI may start an empty log
    }


def test_new_folder_gets_a_key_header_and_a_recovery_key_shown_once(
    data: DataDir, key: bytes, sstation: Station, sadmin: Operator
) -> None:
    assert len(key) == 32
    assert ensure_key(data) == key  # same key on the next start
    assert data.database.read_bytes()[:16] != b"SQLite format 3\x00"
    header = keys.read_header(data)
    assert header and header["key_id"] == keys.key_id(key)
    assert key.hex() not in keys.header_path(data).read_text()
    shown = pending_recovery_key(data)
    assert shown and len(shown.split("-")) == 8
    assert pending_recovery_key(data) == shown  # until acknowledged
    acknowledge_recovery_key(data)
    assert pending_recovery_key(data) is None


def test_missing_key_changes_nothing(
    data: DataDir,
    sstation: Station,
    sadmin: Operator,
    svolunteer: Operator,
    test_keyring: MemoryKeyring,
) -> None:
    record(sstation, svolunteer)
    sstation.close()
    before = _snapshot(data.root)
    test_keyring.store.clear()  # a new PC: empty keyring
    with pytest.raises(KeyMissing) as err:
        ensure_key(data)
    assert "数据已加密，但本机找不到密钥" in err.value.message("zh_CN")
    assert "恢复密钥" in err.value.message("zh_CN")
    with pytest.raises(KeyMissing):
        Station.open(data.root, key=None)  # never a new empty database over the encrypted one
    assert main(["search", "--data-dir", str(data.root), "停车"]) == 1
    assert _snapshot(data.root) == before


def test_wrong_key_changes_nothing(
    data: DataDir, sstation: Station, sadmin: Operator, test_keyring: MemoryKeyring
) -> None:
    sstation.close()
    before = _snapshot(data.root)
    test_keyring.store[("station-app", keys.keyring_user(data))] = "v1:" + "A" * 43 + "="
    with pytest.raises(KeyWrong):
        ensure_key(data)
    with pytest.raises(KeyWrong):
        Station.open(data.root, key=b"\x01" * 32)
    assert _snapshot(data.root) == before


def test_recovery_on_a_new_pc(
    data: DataDir,
    key: bytes,
    sstation: Station,
    sadmin: Operator,
    svolunteer: Operator,
    test_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rid = record(sstation, svolunteer)
    recovery = pending_recovery_key(data)
    assert recovery
    sstation.close()
    test_keyring.store.clear()
    with pytest.raises(RecoveryKeyWrong):
        keys.recover(data, "0000-0000-0000-0000-0000-0000-0000-0000")
    with pytest.raises(RecoveryKeyWrong):
        keys.recover(data, "too short")
    # typed sloppily: lower case, spaces instead of dashes
    assert (
        main(
            [
                "recover",
                "--data-dir",
                str(data.root),
                "--recovery-key",
                recovery.lower().replace("-", " "),
            ]
        )
        == 0
    )
    assert "恢复" in capsys.readouterr().out
    assert ensure_key(data) == key
    st = Station.open(data.root, key=key)
    try:
        assert [r.id for r in list_page(st, None, "停车")] == [rid]
    finally:
        st.close()


def test_new_recovery_key_replaces_the_old(data: DataDir, key: bytes) -> None:
    old = pending_recovery_key(data)
    assert old
    new = keys.new_recovery_key(data, key)
    assert pending_recovery_key(data) is None
    with pytest.raises(RecoveryKeyWrong):
        keys.recover(data, old)
    assert keys.recover(data, new) == key


def test_recovery_key_text_roundtrip() -> None:
    raw = bytes(range(20))
    text = keys.format_recovery_key(raw)
    assert keys.parse_recovery_key(text) == raw
    assert keys.parse_recovery_key(text.lower().replace("0", "o").replace("1", "l")) == raw


def test_file_fallback_is_private_and_outside_the_data_folder(
    data: DataDir, tmp_path: Path
) -> None:
    ring = ConfigFileKeyring()
    ring.set_password("station-app", "x", "secret")
    path = tmp_path / "user-config" / "keys.json"
    assert path.stat().st_mode & 0o777 == 0o600
    assert ring.get_password("station-app", "x") == "secret"
    assert data.root not in path.parents
