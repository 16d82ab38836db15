"""Messages and typed errors of the security package, merged into the one catalogue.

Kept here rather than in `station_app/i18n.py` so the catalogue grows with the package that
needs it; every entry has both languages with the same placeholders (tested).
"""

from __future__ import annotations

from station_app.errors import StationError
from station_app.i18n import MESSAGES

SECURITY_MESSAGES: dict[str, dict[str, str]] = {
    "error.key_missing": {
        "zh_CN": "数据已加密，但本机找不到密钥（可能是换了电脑或重装了系统）。数据未做任何改动。"
        "请使用恢复密钥：station-app recover --recovery-key 您的恢复密钥",
        "en": "The data is encrypted, but this PC has no key for it (a new PC or a reinstalled "
        "system?). Nothing was changed. Please use the recovery key: "
        "station-app recover --recovery-key YOUR-RECOVERY-KEY",
    },
    "error.key_wrong": {
        "zh_CN": "数据已加密，但本机保存的密钥与这份数据不符。数据未做任何改动。"
        "请使用恢复密钥：station-app recover --recovery-key 您的恢复密钥",
        "en": "The data is encrypted, but the key on this PC does not match it. Nothing was "
        "changed. Please use the recovery key: station-app recover --recovery-key "
        "YOUR-RECOVERY-KEY",
    },
    "error.recovery_key_wrong": {
        "zh_CN": "恢复密钥不正确，请核对后重新输入（字母不分大小写，短横线可省略）。数据未做任何改动。",
        "en": "That recovery key is not right. Check it and type it again (case and dashes do "
        "not matter). Nothing was changed.",
    },
    "error.no_key_header": {
        "zh_CN": "这个数据文件夹里没有加密信息文件（keyinfo.json），无法用恢复密钥打开：{path}",
        "en": "This data folder has no encryption header (keyinfo.json), so a recovery key "
        "cannot open it: {path}",
    },
    "error.encrypt_failed": {
        "zh_CN": "加密现有数据时校验未通过（{detail}），原数据保持不变。",
        "en": "Encrypting the existing data failed its check ({detail}); the data was left "
        "unchanged.",
    },
    "error.scan_damaged": {
        "zh_CN": "扫描文件已损坏或不属于本工作站：{sha}",
        "en": "A stored scan is damaged or belongs to another station: {sha}",
    },
    "error.bad_setting": {
        "zh_CN": "设置值无效：{name} 应在 {low} 到 {high} 之间。",
        "en": "Invalid setting: {name} must be between {low} and {high}.",
    },
    "cli.recovered": {
        "zh_CN": "已用恢复密钥找回数据密钥，并保存到本机的密钥库。现在可以正常使用了。",
        "en": "The data key was recovered and stored in this PC's keyring. You can carry on.",
    },
    "cli.recovery_key_show": {
        "zh_CN": "恢复密钥（只显示这一次，请抄写或打印后锁好保管；换电脑时用它打开数据）：\n{code}",
        "en": "Recovery key (shown only this once: write it down or print it and lock it away; "
        "it opens the data on a new PC):\n{code}",
    },
    "cli.recovery_key_none": {
        "zh_CN": "没有待显示的恢复密钥（已经显示并确认过）。如已遗失，可用 --new 生成新的恢复密钥。",
        "en": "No recovery key is waiting to be shown (it was already shown and confirmed). "
        "If it is lost, make a new one with --new.",
    },
    "cli.purge_dry_run": {
        "zh_CN": "将清除 {count} 条建议的个人信息和 {scans} 个扫描文件（演练，未做改动）：{ids}",
        "en": "Would purge the personal data of {count} suggestions and {scans} scan files "
        "(dry run, nothing changed): {ids}",
    },
    "cli.purge_done": {
        "zh_CN": "已清除 {count} 条建议的个人信息和 {scans} 个扫描文件：{ids}",
        "en": "Purged the personal data of {count} suggestions and {scans} scan files: {ids}",
    },
    "cli.audit_exported": {
        "zh_CN": "已导出 {count} 条审计记录到 {path}",
        "en": "Exported {count} audit entries to {path}",
    },
    "cli.withdrawn": {
        "zh_CN": "已撤回建议 {receipt_no}，本机个人信息已删除，撤回通知将发送给总部。",
        "en": "Suggestion {receipt_no} withdrawn: personal data deleted here; HQ will be told.",
    },
}
MESSAGES.update(SECURITY_MESSAGES)


class KeyMissing(StationError):
    """The data folder is encrypted and this PC's keyring has no key for it."""

    key = "error.key_missing"


class KeyWrong(StationError):
    """The keyring's key (or the key given) does not open this data folder."""

    key = "error.key_wrong"


class RecoveryKeyWrong(StationError):
    key = "error.recovery_key_wrong"


class NoKeyHeader(StationError):
    key = "error.no_key_header"


class EncryptFailed(StationError):
    key = "error.encrypt_failed"


class ScanDamaged(StationError):
    key = "error.scan_damaged"


class BadSetting(StationError):
    key = "error.bad_setting"
