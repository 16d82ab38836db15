"""Consent: personal data needs the notice accepted (version and time stored); anonymous
suggestions are always possible."""

from __future__ import annotations

import pytest

from station_app.errors import ValidationError
from station_app.resources import CONSENT_VERSION, consent_text
from station_app.services.forms import SuggesterForm
from station_app.services.suggestions import get_detail, record_suggestion
from station_app.store import Station
from station_app.store.models import Operator

from .helpers import form


def test_personal_data_without_consent_is_refused(
    sstation: Station, sadmin: Operator, svolunteer: Operator
) -> None:
    with pytest.raises(ValidationError) as err:
        record_suggestion(sstation, svolunteer, form(consent=False))
    assert "consent" in err.value.problems
    with sstation.db.read() as s:
        conn = s.connection().connection.dbapi_connection
        assert conn.execute("SELECT count(*) FROM suggester").fetchone()[0] == 0


def test_consent_version_and_time_stored(
    sstation: Station, sadmin: Operator, svolunteer: Operator
) -> None:
    assert consent_text("zh_CN", CONSENT_VERSION).strip()
    rec = record_suggestion(sstation, svolunteer, form())
    person = get_detail(sstation, sadmin, rec.id, unmask_reason="核对同意").person
    assert person and person.consent_version == CONSENT_VERSION and person.consent_at


@pytest.mark.parametrize("suggester", [SuggesterForm(anonymous=True), SuggesterForm()])
def test_anonymous_is_always_possible(
    sstation: Station, sadmin: Operator, svolunteer: Operator, suggester: SuggesterForm
) -> None:
    f = form()
    f.suggester = suggester
    rec = record_suggestion(sstation, svolunteer, f)
    detail = get_detail(sstation, svolunteer, rec.id)
    assert detail.person is None or (detail.person.name == "" and detail.person.phone == "")
