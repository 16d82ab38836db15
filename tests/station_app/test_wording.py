"""Words a user reads: English messages use English quotes and no Chinese; the English
personal-data notice flows as sentences (no hard line breaks in mid-sentence)."""

from __future__ import annotations

import re

import station_app.followup.messages  # noqa: F401  (each registers its messages)
import station_app.followup.report_cli  # noqa: F401
import station_app.followup.reports  # noqa: F401
import station_app.postbox.messages  # noqa: F401
import station_app.security.messages  # noqa: F401
import station_app.services.campaigns  # noqa: F401
import station_app.services.similar  # noqa: F401
from station_app.i18n import MESSAGES
from station_app.resources import CONSENT_VERSION, consent_text

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]")


def test_english_messages_have_no_chinese_quotes_or_words():
    bad = {k: v["en"] for k, v in MESSAGES.items() if CJK.search(v["en"])}
    assert bad == {}


def test_english_consent_notice_has_no_line_break_inside_a_sentence():
    text = consent_text("en", CONSENT_VERSION)
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) >= 2  # a heading and the notice
    for line in lines[1:]:
        assert line.rstrip().endswith((".", ":", ")")), line
