"""Character error rate (CER) of recognised text against known text, for tests and the bench.

Both texts are compared after NFKC normalisation (full-width punctuation such as "：" equals
":") with all whitespace removed, since engines differ in spacing and line breaks only.
"""

from __future__ import annotations

import unicodedata


def normalise_for_compare(text: str) -> str:
    """NFKC without whitespace: the form CER is measured on."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions) between two strings."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def char_error_rate(recognised: str, reference: str) -> float:
    """Edit distance over the reference length, both normalised (0.0 is perfect)."""
    ref = normalise_for_compare(reference)
    hyp = normalise_for_compare(recognised)
    return edit_distance(hyp, ref) / max(1, len(ref))
