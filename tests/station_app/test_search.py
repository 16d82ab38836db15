"""Chinese search: one- and two-character words, exact substrings, filters, paging."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from station_app.services.forms import SuggesterForm, SuggestionForm
from station_app.services.query import Filters, count, list_page
from station_app.services.suggestions import record_suggestion
from station_app.store import Station
from station_app.textindex import (
    highlight_spans,
    index_columns,
    index_is_exact,
    match_expression,
    matches,
)


def add(station: Station, actor, title: str, content: str, location: str = "", **kw) -> int:
    f = SuggestionForm(
        category_code=kw.pop("category", "OTH"),
        title=title,
        content=content,
        location=location,
        suggester=SuggesterForm(anonymous=True),
        **kw,
    )
    return record_suggestion(station, actor, f).id


def titles(rows) -> list[str]:
    return [r.title for r in rows]


def test_one_and_two_character_queries(station: Station, volunteer) -> None:
    add(station, volunteer, "加装电梯", "老楼没有电梯，老人上下楼难。")
    add(station, volunteer, "停车难", "晚上停车位不够。", "长寿路")
    add(station, volunteer, "路灯", "楼梯间的灯坏了。")
    assert titles(list_page(station, query="电梯")) == ["加装电梯"]
    assert titles(list_page(station, query="停车")) == ["停车难"]
    assert titles(list_page(station, query="梯")) == ["路灯", "加装电梯"]  # newest first
    assert titles(list_page(station, query="长寿路")) == ["停车难"]  # location is searched
    assert list_page(station, query="地铁") == []


def test_results_are_exact_substrings_not_just_shared_bigrams(station: Station, volunteer) -> None:
    add(station, volunteer, "停车场", "新建停车场。")
    add(station, volunteer, "其他", "停车不便，车场收费高。")  # has 停车 and 车场, not 停车场
    assert titles(list_page(station, query="停车场")) == ["停车场"]


def test_width_and_case_folding(station: Station, volunteer) -> None:
    add(station, volunteer, "5G基站", "ＡＢＣ小区的WiFi信号差。")
    assert titles(list_page(station, query="abc")) == ["5G基站"]
    assert titles(list_page(station, query="wifi")) == ["5G基站"]
    assert titles(list_page(station, query="５ｇ")) == ["5G基站"]


def test_punctuation_only_query_and_blank(station: Station, volunteer) -> None:
    add(station, volunteer, "问号", "这是为什么？？")
    assert titles(list_page(station, query="？？")) == ["问号"]
    assert len(list_page(station, query="   ")) == 1


def test_filters_and_keyset_paging(station: Station, volunteer) -> None:
    for i in range(30):
        add(
            station, volunteer, f"电梯{i}", "加装电梯的建议内容", category="ELV" if i % 2 else "OTH"
        )
    first = list_page(station, Filters(category_code="ELV"), "电梯", limit=10)
    rest = list_page(
        station, Filters(category_code="ELV"), "电梯", before_id=first[-1].id, limit=10
    )
    assert len(first) == 10 and len(rest) == 5
    assert {r.category_code for r in first + rest} == {"ELV"}
    assert [r.id for r in first + rest] == sorted((r.id for r in first + rest), reverse=True)
    assert count(station, Filters(category_code="ELV"), "电梯") == 15
    assert count(station, Filters(category_code="ELV")) == 15
    assert count(station) == 30
    assert count(station, Filters(received_from="2026-11-25", received_to="2026-11-25")) == 30
    assert count(station, Filters(received_from="2026-11-26")) == 0


def test_highlight_spans_map_back_to_original_text() -> None:
    assert highlight_spans("停车", "小区停车难，停车贵") == [(2, 4), (6, 8)]
    assert highlight_spans("abc", "ＡＢＣ小区") == [(0, 3)]
    assert highlight_spans("", "x") == []


CJK = st.sampled_from(list("停车场电梯加装老人楼道灯路口垃圾分类小区"))


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    docs=st.lists(st.text(CJK, min_size=1, max_size=12), min_size=1, max_size=8),
    query=st.text(CJK, min_size=1, max_size=4),
)
def test_index_never_misses_a_real_substring(docs: list[str], query: str) -> None:
    """Property: every document containing the query has all the query's index tokens."""
    expr = match_expression(query)
    wanted = {t.strip('"') for t in expr.split(" AND ")}
    for doc in docs:
        uni, bi = index_columns(doc)
        tokens = set(uni.split()) | set(bi.split())
        if query in doc:
            assert wanted <= tokens
            assert matches(query, doc)


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(
    doc=st.text(st.sampled_from(list("停车场电梯ab1 ，。Ａ")), min_size=1, max_size=15),
    query=st.text(st.sampled_from(list("停车场电梯ab1Ａ")), min_size=1, max_size=2),
)
def test_exact_queries_need_no_verification(doc: str, query: str) -> None:
    """Where the index is declared exact, a token hit means a real substring (and back)."""
    if not index_is_exact(query):
        return
    uni, bi = index_columns(doc)
    tokens = set(uni.split()) | set(bi.split())
    wanted = {t.strip('"') for t in match_expression(query).split(" AND ")}
    assert (wanted <= tokens) == matches(query, doc)


def test_counts_agree_with_listing_for_exact_and_verified_queries(
    station: Station, volunteer
) -> None:
    add(station, volunteer, "停车场", "新建停车场。", category="PRK")
    add(station, volunteer, "其他", "停车不便，车场收费高。")
    add(station, volunteer, "电梯", "加装电梯")
    for q in ("停车", "车", "停车场", "电梯", "梯"):
        assert count(station, query=q) == len(list_page(station, query=q)), q
    assert count(station, Filters(category_code="PRK"), "停车") == 1
