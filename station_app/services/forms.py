"""What a volunteer fills in: the suggestion form and its validation."""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from station_app.domain import Channel, FeedbackMethod
from station_app.i18n import tr
from station_app.resources import CONSENT_VERSION
from station_app.services.campaigns import Campaign, check_answers
from station_app.validation import (
    Problems,
    check_choice,
    clean_text,
    is_valid_phone,
    normalize_phone,
)


@dataclass
class SuggesterForm:
    name: str = ""
    phone: str = ""
    address: str = ""
    anonymous: bool = False
    wants_feedback: bool = False
    feedback_method: str = FeedbackMethod.NONE
    consent_given: bool = False
    consent_version: str = CONSENT_VERSION

    def is_empty(self) -> bool:
        return not (self.name or self.phone or self.address)


@dataclass
class SuggestionForm:
    channel: str = Channel.FACE_TO_FACE
    category_code: str = ""
    title: str = ""
    content: str = ""
    location: str = ""
    campaign_code: str = ""
    campaign_answers: dict[str, Any] = field(default_factory=dict)
    received_at: str = ""  # ISO; empty means now
    suggester: SuggesterForm = field(default_factory=SuggesterForm)
    links: list[str] = field(default_factory=list)  # uuids of earlier "same matter" suggestions

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SuggestionForm:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        sug = known.pop("suggester", None) or {}
        sug = {k: v for k, v in sug.items() if k in SuggesterForm.__dataclass_fields__}
        return cls(suggester=SuggesterForm(**sug), **known)


@dataclass
class CleanSuggestion:
    """A validated form, ready to store."""

    channel: str
    category_code: str
    title: str
    content: str
    location: str | None
    campaign_code: str | None
    campaign_answers: dict[str, Any]
    received_at: dt.datetime | None
    suggester: SuggesterForm | None  # None: nobody recorded (anonymous postbox letter)
    links: list[str] = field(default_factory=list)  # sorted, lower-case uuids


MAX_LINKS = 100  # the contract's limit


def clean_links(values: Any) -> list[str]:
    """Well-formed uuids, lower-case, once each, sorted (anything else is dropped)."""
    out: set[str] = set()
    for value in values if isinstance(values, list | tuple) else []:
        try:
            out.add(str(uuidlib.UUID(str(value))))
        except ValueError:
            continue
    return sorted(out)[:MAX_LINKS]


def validate_form(
    form: SuggestionForm,
    category_codes: set[str],
    campaign_codes: Collection[str] | Mapping[str, Campaign],
) -> CleanSuggestion:
    """Check every field and report all problems at once (ValidationError).

    Given campaigns by code (`known_codes` on the save path), a tagged suggestion's answers
    are checked against the campaign's questions; given bare codes, they are kept as typed."""
    p = Problems()
    check_choice(p, "channel", tr("label.channel"), form.channel, list(Channel))
    if not form.category_code:
        p.add("category_code", "field.required", label=tr("label.category"))
    elif form.category_code not in category_codes:
        p.add(
            "category_code",
            "field.bad_choice",
            label=tr("label.category"),
            value=form.category_code,
        )
    campaign = (form.campaign_code or "").strip() or None
    if campaign and campaign not in campaign_codes:
        p.add("campaign_code", "field.bad_choice", label=tr("label.campaign"), value=campaign)
    answers: dict[str, Any] = {}
    if campaign and isinstance(campaign_codes, Mapping) and campaign in campaign_codes:
        answers = check_answers(campaign_codes[campaign], form.campaign_answers, p)
    elif campaign:
        answers = dict(form.campaign_answers or {})
    title = clean_text(p, "title", tr("label.title"), form.title, required=True)
    content = clean_text(
        p, "content", tr("label.content"), form.content, required=True, multiline=True
    )
    location = clean_text(p, "location", tr("label.location"), form.location)
    received: dt.datetime | None = None
    if form.received_at:
        try:
            received = dt.datetime.fromisoformat(form.received_at)
        except ValueError:
            p.add("received_at", "field.bad_choice", label="received_at", value=form.received_at)

    sf = form.suggester
    name = clean_text(p, "name", tr("label.name"), sf.name)
    address = clean_text(p, "address", tr("label.address"), sf.address)
    phone: str | None = None
    if sf.phone and sf.phone.strip():
        phone = normalize_phone(sf.phone)
        if not is_valid_phone(phone):
            p.add("phone", "field.bad_phone")
    method = sf.feedback_method or FeedbackMethod.NONE
    check_choice(p, "feedback_method", tr("label.feedback_method"), method, list(FeedbackMethod))
    has_personal = bool(name or phone or address)
    if sf.anonymous and has_personal:
        p.add("anonymous", "field.anonymous_with_data")
    if has_personal and not sf.consent_given:
        p.add("consent", "field.consent_needed")
    if sf.wants_feedback and not sf.anonymous and method == FeedbackMethod.NONE:
        # a ticked 需要回复 with 不需要回复 chosen: said, never saved as "no reply"
        p.add("feedback_method", "field.reply_method_needed")
    wants = bool(sf.wants_feedback) and not sf.anonymous and method != FeedbackMethod.NONE
    if wants and method == FeedbackMethod.PHONE and not phone:
        p.add("phone", "field.feedback_needs_contact")
    if wants and method == FeedbackMethod.LETTER and not address:
        p.add("address", "field.feedback_needs_contact")
    p.raise_if_any()

    suggester: SuggesterForm | None = None
    if has_personal or sf.anonymous or wants:
        suggester = SuggesterForm(
            name=name or "",
            phone=phone or "",
            address=address or "",
            anonymous=bool(sf.anonymous),
            wants_feedback=wants,
            feedback_method=method if wants else FeedbackMethod.NONE,
            consent_given=bool(sf.consent_given) and has_personal,
            consent_version=sf.consent_version if has_personal else "",
        )
    return CleanSuggestion(
        channel=form.channel,
        category_code=form.category_code,
        title=title or "",
        content=content or "",
        location=location,
        campaign_code=campaign,
        campaign_answers=answers,
        received_at=received,
        suggester=suggester,
        links=clean_links(form.links),
    )
