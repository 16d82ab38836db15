"""Chinese-aware full-text index: text is pre-split into single characters and bigrams.

SQLite's trigram tokenizer cannot match one- and two-character words (停车, 电梯), so each
suggestion's searchable text is indexed as one FTS5 column holding every character and every
adjacent pair as separate tokens (a token's length tells which it is, so no column filter is
needed and the index can use detail=none). A one-character query matches its character; a
longer one matches all of its bigrams. Candidates are then verified against the real text, so results are exact
substrings (a bigram AND can match text where the pairs are not adjacent).
"""

from __future__ import annotations

import unicodedata


def normalize(text: str) -> str:
    """Fold width (ａ１ -> a1) and case so that a search finds what a volunteer means."""
    return unicodedata.normalize("NFKC", text).casefold()


def _runs(text: str) -> list[str]:
    """Runs of letters/digits (CJK included); punctuation and spaces break runs."""
    runs: list[str] = []
    current: list[str] = []
    for ch in normalize(text):
        if ch.isalnum():
            current.append(ch)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs


def index_columns(*texts: str | None) -> tuple[str, str]:
    """The unigram and bigram token strings for a document made of `texts`."""
    unis: dict[str, None] = {}
    bis: dict[str, None] = {}
    for text in texts:
        if not text:
            continue
        for run in _runs(text):
            for i, ch in enumerate(run):
                unis[ch] = None
                if i + 1 < len(run):
                    bis[run[i : i + 2]] = None
    return " ".join(unis), " ".join(bis)


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for `query`, or None if it has no letters or digits."""
    runs = _runs(query)
    if not runs:
        return None
    grams: dict[str, None] = {}
    singles: dict[str, None] = {}
    for run in runs:
        if len(run) == 1:
            singles[run] = None
        for i in range(len(run) - 1):
            grams[run[i : i + 2]] = None
    parts = [f'"{g}"' for g in grams] + [f'"{s}"' for s in singles]
    return " AND ".join(parts)


def index_is_exact(query: str) -> bool:
    """True when an index hit already proves the query is a substring: a single run of one
    or two letters/digits is indexed as one token, present only where those characters are
    adjacent. Longer queries match by AND of bigrams and must be verified."""
    runs = _runs(query)
    return len(runs) == 1 and len(runs[0]) <= 2 and normalize(query).strip() == runs[0]


def matches(query: str, *texts: str | None) -> bool:
    """True if the normalized query is a real substring of one of the texts."""
    needle = normalize(query).strip()
    if not needle:
        return False
    return any(text and needle in normalize(text) for text in texts)


def highlight_spans(query: str, text: str) -> list[tuple[int, int]]:
    """Where `query` occurs in `text` (start, end offsets in `text`), for highlighting hits.

    NFKC can change lengths, so offsets are found on a per-character normalized copy.
    """
    needle = normalize(query).strip()
    if not needle or not text:
        return []
    folded = [normalize(ch) for ch in text]
    flat = "".join(folded)
    # map each index in `flat` back to the index of the character in `text` it came from
    owner: list[int] = []
    for i, piece in enumerate(folded):
        owner.extend([i] * len(piece))
    spans: list[tuple[int, int]] = []
    start = flat.find(needle)
    while start != -1:
        end = start + len(needle)
        spans.append((owner[start], owner[end - 1] + 1))
        start = flat.find(needle, end)
    return spans
