"""Realistic demo suggestions (also the benchmark data generator)."""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator

from station_app.domain import Channel, FeedbackMethod, Role
from station_app.resources import CONSENT_VERSION
from station_app.services.common import first_admin
from station_app.services.forms import SuggesterForm, SuggestionForm, validate_form
from station_app.services.setup import init_station, is_set_up
from station_app.services.suggestions import insert_suggestion_in, known_codes
from station_app.store import Station
from station_app.store.models import Operator

DISTRICTS = [
    "浦东新区",
    "黄浦区",
    "静安区",
    "徐汇区",
    "长宁区",
    "普陀区",
    "虹口区",
    "杨浦区",
    "闵行区",
    "宝山区",
]
ROADS = [
    "长寿路",
    "武宁路",
    "曹杨路",
    "中山北路",
    "延安西路",
    "陆家嘴环路",
    "世纪大道",
    "淮海中路",
    "四平路",
    "江湾路",
    "漕溪北路",
    "虹桥路",
    "莘庄路",
    "牡丹江路",
    "大连路",
    "控江路",
]
PLACES = [
    "小区门口",
    "菜场旁边",
    "地铁站出口",
    "公交站",
    "社区食堂",
    "老年活动室",
    "十字路口",
    "幼儿园门口",
    "卫生服务中心",
    "公园东门",
    "弄堂口",
    "菜鸟驿站",
]
TOPICS = [
    ("PRK", "停车难", "{place}晚上停车非常困难，车辆乱停占用消防通道，建议{fix}。"),
    ("ELV", "加装电梯", "我们楼里老人多，上下楼很不方便，希望{fix}，加快加装电梯的审批。"),
    ("WST", "垃圾分类", "{place}的垃圾分类投放点时间太短，上班族赶不上，建议{fix}。"),
    ("ELD", "助餐服务", "社区长者食堂菜品单一、价格偏高，建议{fix}，方便独居老人用餐。"),
    ("TRF", "公交线路", "{place}附近公交班次太少，高峰期等车超过二十分钟，建议{fix}。"),
    ("ENV", "噪音扰民", "{place}夜间施工噪音很大，影响居民休息，建议{fix}。"),
    ("SAF", "路灯损坏", "{place}的路灯坏了好几盏，晚上很黑，老人走路不安全，建议{fix}。"),
    ("HLT", "看病排队", "社区卫生服务中心配药排队时间长，建议{fix}，增加自助配药机。"),
    ("EDU", "托育服务", "双职工家庭孩子放学后没人照看，建议{fix}，开设社区托管班。"),
    ("URB", "人行道破损", "{place}人行道地砖松动，下雨天一踩就溅水，建议{fix}。"),
    ("SOC", "电动车充电", "电动自行车在楼道里充电很危险，建议{fix}，增设集中充电桩。"),
    ("CUL", "健身设施", "{place}的健身器材老化，建议{fix}，增加适合老年人的设施。"),
]
FIXES = [
    "尽快安排专人处理",
    "增加巡查次数",
    "和物业一起想办法",
    "听取居民意见后统一规划",
    "在周末延长开放时间",
    "利用闲置空地改造",
    "设置明显的指示牌",
    "加强宣传引导",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = [
    "建国",
    "秀英",
    "桂兰",
    "志强",
    "丽华",
    "伟",
    "芳",
    "敏",
    "静",
    "军",
    "海燕",
    "玉梅",
    "德明",
]


def generate_forms(count: int, seed: int = 2026) -> Iterator[SuggestionForm]:
    rng = random.Random(seed)
    for i in range(count):
        code, short, body = rng.choice(TOPICS)
        place = rng.choice(PLACES)
        road = rng.choice(ROADS)
        district = rng.choice(DISTRICTS)
        content = body.format(place=place, fix=rng.choice(FIXES))
        if rng.random() < 0.5:
            content += f"这个问题已经存在{rng.randint(2, 24)}个月了，希望有关部门重视。"
        channel = rng.choice([Channel.FACE_TO_FACE] * 5 + [Channel.PHONE] * 3 + [Channel.OTHER])
        anonymous = rng.random() < 0.2
        suggester = SuggesterForm(anonymous=True)
        if not anonymous:
            wants = rng.random() < 0.7
            suggester = SuggesterForm(
                name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                phone=f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}",
                address=f"{district}{road}{rng.randint(1, 999)}弄{rng.randint(1, 30)}号",
                wants_feedback=wants,
                feedback_method=FeedbackMethod.PHONE if wants else FeedbackMethod.NONE,
                consent_given=True,
                consent_version=CONSENT_VERSION,
            )
        yield SuggestionForm(
            channel=channel,
            category_code=code,
            title=f"关于{road}{place}{short}的建议"[:100] if i % 7 else f"{short}问题",
            content=content,
            location=f"{district}{road}{place}",
            suggester=suggester,
        )


def ensure_demo_station(station: Station) -> None:
    if not is_set_up(station):
        init_station(
            station,
            code="DEMO01",
            name="演示工作站（长寿路街道）",
            district="普陀区",
            street="长寿路街道",
            admin_name="管理员",
            admin_pin="1234",
        )


def bulk_record(
    station: Station,
    actor: Operator,
    forms: Iterable[SuggestionForm],
    *,
    chunk: int = 1000,
    demo: bool = False,
) -> int:
    """Record many suggestions, one transaction per `chunk` (for demo data and benchmarks).

    `demo`: marked as practice data (DEMO- receipt numbers) and never queued for HQ."""
    done = 0
    batch: list[SuggestionForm] = []

    def flush() -> None:
        nonlocal done
        with station.db.write() as s:
            cats, camps = known_codes(s)
            for form in batch:
                clean = validate_form(form, cats, camps)
                insert_suggestion_in(s, station, actor, clean, demo=demo)
        done += len(batch)
        batch.clear()

    for form in forms:
        batch.append(form)
        if len(batch) >= chunk:
            flush()
    if batch:
        flush()
    return done


def load_demo(station: Station, count: int, seed: int = 2026) -> int:
    """Set up a demo station if needed and add `count` demo suggestions: practice data,
    marked (DEMO- receipt numbers) and never queued for HQ, even on a real station."""
    ensure_demo_station(station)
    with station.db.read() as s:
        admin = first_admin(s)
    assert admin.role == Role.ADMIN
    return bulk_record(station, admin, generate_forms(count, seed), demo=True)
