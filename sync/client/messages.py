"""Messages of the sync client that live beside it (added to station_app.i18n's catalogue)."""

from __future__ import annotations

from station_app.i18n import add_messages

add_messages(
    {
        "sync.error.ca_missing": {
            "zh_CN": "找不到总部证书文件：{path}。未连接总部。请管理员检查证书文件的位置，"
            "或用正确的 --ca-file 重新登记。",
            "en": "HQ's certificate file was not found: {path}. Nothing was sent. An "
            "administrator should check where the file is, or enrol again with the right "
            "--ca-file.",
        },
        "sync.error.insecure_url": {
            "zh_CN": "总部地址 {url} 没有加密（http://），登记码和数据可能被他人截取，已拒绝登记。"
            "请使用 https:// 地址；只有在受保护的内部网络中，管理员才可加 --allow-http 登记。",
            "en": "HQ's address {url} is not encrypted (http://): the code and the data could "
            "be read by others, so enrolment was refused. Use an https:// address; only on a "
            "protected internal network may an administrator add --allow-http.",
        },
        "sync.warn.plain_http": {
            "zh_CN": "警告：与总部的连接没有加密（{url}），仅应在受保护的内部网络中使用。",
            "en": "Warning: the connection to HQ is not encrypted ({url}); use this only on a "
            "protected internal network.",
        },
        "sync.error.too_many_attempts": {
            "zh_CN": "登记码输错次数过多，总部暂时不接受登记。请约 {minutes} 分钟后再试。",
            "en": "Too many wrong enrolment codes; HQ refuses enrolment for now. Try again in "
            "about {minutes} minutes.",
        },
    }
)
