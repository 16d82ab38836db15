"""Categories as a volunteer looks for them: in the list's business order (each parent
followed by its children, 其他 last) and found by typing Chinese (电梯), pinyin initials (dt),
pinyin (dianti) or English (lift)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from station_app.store.models import Category

CATCH_ALL = "OTH"  # 其他: always last, whatever HQ adds after it


def business_order(cats: Sequence[Category]) -> list[Category]:
    """`cats` in list order (as shipped or as HQ sent them), each parent followed by its
    children; a child whose parent is missing stands on its own; the catch-all goes last."""
    codes = {c.code for c in cats}
    children: dict[str, list[Category]] = {}
    for c in cats:
        if c.parent and c.parent in codes and c.parent != c.code:
            children.setdefault(c.parent, []).append(c)
    out: list[Category] = []
    seen: set[str] = set()

    def add(cat: Category) -> None:
        if cat.code in seen:
            return
        seen.add(cat.code)
        out.append(cat)
        for child in children.get(cat.code, []):
            add(child)

    for c in cats:
        if c.code != CATCH_ALL and not (c.parent and c.parent in codes):
            add(c)
    for c in cats:  # the catch-all and anything in a parent loop
        if c.code != CATCH_ALL:
            add(c)
    for c in cats:
        add(c)
    return out


@dataclass(frozen=True)
class SearchKey:
    """What a category answers to: its names and the pinyin of its Chinese name."""

    name_zh: str
    name_en: str
    initials: str = ""  # 加装电梯 -> jzdt
    pinyin: str = ""  # 加装电梯 -> jiazhuangdianti

    def rank(self, query: str) -> int | None:
        """0: a name, the initials or the pinyin start with `query`; 1: one contains it;
        None: no match. Case and spaces do not matter."""
        q = "".join(query.lower().split())
        if not q:
            return None
        english = self.name_en.lower()
        words = [w for w in english.replace("-", " ").split() if w]
        starts = (self.name_zh, self.initials, self.pinyin, english.replace(" ", ""))
        if any(s.startswith(q) for s in starts) or any(w.startswith(q) for w in words):
            return 0
        if any(q in s for s in starts):
            return 1
        return None


def search_key(name_zh: str, name_en: str, with_pinyin: bool = True) -> SearchKey:
    """The key for one category. Pinyin comes from pypinyin (imported here, on first use:
    its dictionaries take about 0.1 s to load, which the start of the app should not pay)."""
    if not with_pinyin:
        return SearchKey(name_zh, name_en)
    from pypinyin import Style, lazy_pinyin

    initials = "".join(lazy_pinyin(name_zh, style=Style.FIRST_LETTER, errors="ignore"))
    full = "".join(lazy_pinyin(name_zh, style=Style.NORMAL, errors="ignore"))
    return SearchKey(name_zh, name_en, initials.lower(), full.lower())


def best_match(keys: Sequence[SearchKey], query: str) -> int | None:
    """Index of the first best-ranked key for `query`, or None."""
    best: tuple[int, int] | None = None
    for i, key in enumerate(keys):
        rank = key.rank(query)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, i)
            if rank == 0:
                break
    return best[1] if best else None
