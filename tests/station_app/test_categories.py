"""Categories in business order (children under parents, 其他 last) and found by Chinese,
pinyin initials, pinyin or English."""

from __future__ import annotations

from station_app.services.category_search import best_match, business_order, search_key
from station_app.services.hq_updates import apply_list
from station_app.services.setup import categories
from station_app.store.models import Category


def test_station_list_is_in_business_order_even_after_hq_adds_to_it(station, admin):
    codes = [c.code for c in categories(station)]
    assert codes[:2] == ["HSG", "ELV"] and codes[-1] == "OTH"
    assert codes.index("PRK") == codes.index("TRF") + 1
    assert codes.index("WST") == codes.index("ENV") + 1
    apply_list(
        station,
        "categories",
        2,
        [
            {"code": "ACC", "name_zh": "无障碍设施", "name_en": "Accessibility",
             "parent": "URB", "active": True},
            {"code": "VOL", "name_zh": "志愿服务", "name_en": "Volunteering", "active": True},
        ],
    )  # fmt: skip
    codes = [c.code for c in categories(station)]
    assert codes[-2:] == ["VOL", "OTH"]  # new after the old, 其他 still last
    assert codes.index("ACC") == codes.index("URB") + 1


def test_business_order_keeps_orphans_and_loops():
    cats = [
        Category(code="OTH", name_zh="其他", name_en="Other"),
        Category(code="B", name_zh="乙", name_en="B", parent="A"),
        Category(code="X", name_zh="甲", name_en="X", parent="GONE"),
        Category(code="A", name_zh="甲甲", name_en="A"),
        Category(code="L1", name_zh="环一", name_en="L1", parent="L2"),
        Category(code="L2", name_zh="环二", name_en="L2", parent="L1"),
    ]
    assert [c.code for c in business_order(cats)] == ["X", "A", "B", "L1", "L2", "OTH"]


def test_found_by_chinese_initials_pinyin_and_english():
    names = [("住房与物业", "Housing"), ("加装电梯", "Lift installation"), ("停车管理", "Parking"),
             ("养老服务", "Elderly care"), ("医疗卫生", "Health"), ("其他", "Other")]  # fmt: skip
    keys = [search_key(zh, en) for zh, en in names]
    found = {q: names[i][0] for q in ("dt", "电梯", "dianti", "lift", "TC", "yl", "qt", "医")
             if (i := best_match(keys, q)) is not None}  # fmt: skip
    assert found == {
        "dt": "加装电梯",
        "电梯": "加装电梯",
        "dianti": "加装电梯",
        "lift": "加装电梯",
        "TC": "停车管理",
        "yl": "养老服务",  # the first of two, in list order
        "qt": "其他",
        "医": "医疗卫生",
    }
    assert best_match(keys, "zzz") is None
    assert best_match([search_key("加装电梯", "Lift", with_pinyin=False)], "dt") is None
