"""Field proposals from recognised text."""

from __future__ import annotations

from station_app.ocr.extract import best_fields, propose_fields
from tests.ocr import letters


def test_letter_fields() -> None:
    best = best_fields(letters.LETTER_TEXT)
    assert best["phone"].value == "13812345678"
    assert best["name"].value == "张明华"
    assert best["address"].value == "上海市普陀区长寿路123弄4号502室"
    assert best["date"].value == "2026-11-03"
    for cand in best.values():
        assert letters.LETTER_TEXT[cand.start : cand.end] == cand.raw


def test_second_letter_with_spaced_phone_and_dotted_date() -> None:
    best = best_fields(letters.SECOND_TEXT)
    assert best["phone"].value == "13902112233"
    assert best["name"].value == "李秀英"
    assert best["address"].value == "上海市静安区西康路88弄12号301室"
    assert best["date"].value == "2026-11-05"


def test_ocr_style_text_without_spaces() -> None:
    text = "联系人：张明华电话：138-1234-5678\n我叫王芳，住址：普陀区长寿路88号"
    best = best_fields(text)
    assert best["phone"].value == "13812345678" and best["name"].value == "张明华"
    assert best["address"].value == "普陀区长寿路88号"


def test_landlines_and_invalid_dates() -> None:
    found = propose_fields("座机：021-62345678，电话 62345678，编号 20261103，2026-13-40")
    landlines = [c.value for c in found if c.field == "landline"]
    assert landlines == ["021-62345678", "62345678"]
    assert not [c for c in found if c.field == "date"]


def test_mobile_not_taken_from_longer_numbers() -> None:
    assert not [c for c in propose_fields("订单号 913812345678901") if c.field == "phone"]


def test_address_prefix_is_trimmed_to_the_city() -> None:
    (cand,) = [
        c for c in propose_fields("我家在上海市普陀区长寿路123弄4号") if c.field == "address"
    ]
    assert cand.value == "上海市普陀区长寿路123弄4号"


def test_title_from_the_letters_heading() -> None:
    assert best_fields(letters.LETTER_TEXT)["title"].value == "关于小区停车难问题的建议"
    assert best_fields(letters.SECOND_TEXT)["title"].value == "关于加装电梯的建议"
    # a salutation, a date or a contact line is never the title; a heading under them is
    text = "尊敬的领导：\n2026年11月3日\n关于路灯维修的建议\n小区门口的路灯坏了两个月。"
    title = best_fields(text)["title"]
    assert title.value == "关于路灯维修的建议" and text[title.start : title.end] == title.raw
    assert "title" not in best_fields(
        "尊敬的工作站同志：\n我住在长寿路，小区里车位很少，晚上很难停车。"
    )
    assert "title" not in best_fields("电话：13812345678\n地址：长寿路1号")
