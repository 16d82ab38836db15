"""Messages of the paper forms (Chinese and English), registered with station_app.i18n."""

from __future__ import annotations

from station_app.i18n import add_messages

add_messages(
    {
        "forms.error.paper": {
            "zh_CN": "纸张只能是 A4 或 A5（收到“{paper}”）。",
            "en": 'The paper must be A4 or A5 (got "{paper}").',
        },
        "forms.error.count": {
            "zh_CN": "一次可打印 1 到 {max} 张征集表。",
            "en": "Print between 1 and {max} forms at a time.",
        },
        "forms.error.no_font": {
            "zh_CN": "找不到中文字体，无法生成征集表：请安装 fonts-noto-cjk。",
            "en": "No Chinese font to draw the forms with: install fonts-noto-cjk.",
        },
        "forms.cli.printed": {
            "zh_CN": "已生成 {count} 张 {paper} 空白征集表（编号 {first} 至 {last}）：{path}",
            "en": "{count} blank {paper} forms (serials {first} to {last}) written to {path}",
        },
    }
)
