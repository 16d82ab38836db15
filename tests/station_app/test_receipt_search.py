"""Searching by receipt number: the whole number (what the receipt's QR holds) or its last
digits as a citizen reads them out, alongside the text search."""

from __future__ import annotations

from station_app.clock import FixedClock
from station_app.domain import Channel
from station_app.services.forms import SuggestionForm
from station_app.services.query import Filters, count, list_page, receipt_candidates
from station_app.services.suggestions import record_suggestion
from station_app.store import Station
from station_app.store.models import Operator


def _add(station: Station, who: Operator, title: str, content: str = "内容") -> str:
    form = SuggestionForm(
        channel=Channel.PHONE, category_code="ELV", title=title, content=content, location=""
    )
    return record_suggestion(station, who, form).receipt_no


def _receipts(station: Station, query: str, **kw: object) -> list[str]:
    return [r.receipt_no for r in list_page(station, query=query, **kw)]  # type: ignore[arg-type]


def test_full_number_and_last_digits_find_the_receipt(
    station: Station, volunteer: Operator, clock: FixedClock
) -> None:
    first_day = [_add(station, volunteer, f"第一天建议{i}") for i in range(12)]
    clock.advance(days=1)
    second_day = [_add(station, volunteer, f"第二天建议{i}") for i in range(3)]
    assert first_day[11] == "PT-CSL01-20261125-0012" and second_day[2] == "PT-CSL01-20261126-0003"
    # the whole number, as typed or as a QR scanner types it, in any case and width
    assert _receipts(station, "PT-CSL01-20261125-0012") == ["PT-CSL01-20261125-0012"]
    assert _receipts(station, " pt-csl01-20261125-0012 ") == ["PT-CSL01-20261125-0012"]
    assert _receipts(station, "ＰＴ－ＣＳＬ０１－２０２６１１２５－０００３") == [
        "PT-CSL01-20261125-0003"
    ]
    # the sequence number: every day's receipt with it, newest first
    assert _receipts(station, "0003") == ["PT-CSL01-20261126-0003", "PT-CSL01-20261125-0003"]
    assert _receipts(station, "012") == ["PT-CSL01-20261125-0012"]
    # the date and sequence, with or without the dash, whole date or its end
    assert _receipts(station, "20261125-0012") == ["PT-CSL01-20261125-0012"]
    assert _receipts(station, "11250012") == ["PT-CSL01-20261125-0012"]
    assert _receipts(station, "1126-0002") == ["PT-CSL01-20261126-0002"]
    # a receipt that was never issued finds nothing; two digits are not taken as a receipt
    assert _receipts(station, "0013") == [] and _receipts(station, "1127-0001") == []
    assert _receipts(station, "12") == []
    assert count(station, query="0003") == 2
    # filters still apply
    assert _receipts(station, "0003", filters=Filters(statuses=["sent"])) == []


def test_receipt_hits_merge_with_text_hits_without_doubles(
    station: Station, volunteer: Operator
) -> None:
    for i in range(4):
        _add(station, volunteer, f"建议{i}")
    _add(station, volunteer, "3号楼门口0002号车位被占")  # text mentions 0002 too
    _add(station, volunteer, "其他")
    _add(station, volunteer, "再说0002号车位")  # the 7th: text hit only
    rows = list_page(station, query="0002")
    assert [r.title for r in rows] == ["再说0002号车位", "3号楼门口0002号车位被占", "建议1"]
    assert count(station, query="0002") == 3
    # keyset paging over the merged list misses and repeats nothing
    first = list_page(station, query="0002", limit=2)
    rest = list_page(station, query="0002", before_id=first[-1].id, limit=2)
    assert [r.id for r in first + rest] == [r.id for r in rows]


def test_candidates_need_issued_days_and_enough_digits() -> None:
    days = [("20261125", 12), ("20261126", 3)]
    assert receipt_candidates("12", "PT-CSL01", days) == []
    assert receipt_candidates("停车", "PT-CSL01", days) == []
    assert (
        receipt_candidates("000", "PT-CSL01", days)
        == [
            # seq 1000 was never reached on either day
        ]
    )
    assert receipt_candidates("0010", "X", days) == ["X-20261125-0010"]
