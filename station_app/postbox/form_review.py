"""What review proposes for a letter that is a paper form: every field as the form says it.

The form's own fields take the place of what the free-text finder (`ocr.extract`) would
guess from the text: name, phone, address and date as read in their boxes, the category,
reply wish and method, and consent as ticked. Nothing is saved without the reviewer.
"""

from __future__ import annotations

import re

from station_app.postbox.form_serials import FormOnLetter

TITLE_MAX = 20
_CLAUSE_END = re.compile(r"[，。；！？,.;!?]")


def proposed_title(suggestion: str) -> str:
    """The suggestion's first clause (up to 20 characters) as a title to start from."""
    first = _CLAUSE_END.split(suggestion.strip(), maxsplit=1)[0]
    return first[:TITLE_MAX]


def form_proposals(form: FormOnLetter) -> dict[str, str]:
    """Proposed fields by the names review uses (empty values left out): name, phone,
    address, date, title, category, wants_feedback ("yes"/"no"), feedback_method, consent."""
    f = {k: v.value for k, v in form.fields.items()}
    out = {
        "name": f.get("name", ""),
        "phone": f.get("phone", "") if "?" not in f.get("phone", "") else "",
        "address": f.get("address", ""),
        "date": f.get("date", "") if re.fullmatch(r"\d{4}-\d\d-\d\d", f.get("date", "")) else "",
        "title": proposed_title(f.get("suggestion", "")),
        "category": f.get("category", ""),
        "wants_feedback": f.get("feedback", ""),
        "feedback_method": f.get("feedback_method", ""),
        "consent": f.get("consent", ""),
    }
    return {k: v for k, v in out.items() if v}
