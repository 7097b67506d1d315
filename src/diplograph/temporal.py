"""Dates in text, read relative to the document's date.

    >>> resolve_date("Tuesday", "2023-02-28")
    '2023-02-28'
    >>> resolve_date("Sunday", "2023-02-28"), resolve_date("Tuesday", "2023-02-27", future=True)
    ('2023-02-26', '2023-02-28')
    >>> resolve_date("October 8", "2020-01-10"), resolve_date("in 2015", "2019-09-15"), resolve_date("last year", "2023-02-28")
    ('2019-10-08', '2015', '2022')
    >>> resolve_date("February 29", "2024-01-10")
    '2023-02-28'
"""

from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


def resolve_date(text: str, doc_date: str | None, future: bool = False) -> str | None:
    """An ISO date (or year) for a date expression; None when it cannot be read safely."""
    words = re.sub(r"[^\w\s]", " ", text.lower()).split()
    words = [w for w in words if w not in ("on", "in", "the", "of", "since", "by")]
    if not words:
        return None
    phrase = " ".join(words)
    if re.fullmatch(r"(1[89]|20)\d\d", phrase):
        return phrase
    base = _parse_iso(doc_date)
    if base is None:
        return None
    if phrase in ("last year", "this year", "next year"):
        return str(base.year + {"last": -1, "this": 0, "next": 1}[words[0]])
    if phrase in RELATIVE_DAYS:
        return (base + dt.timedelta(days=RELATIVE_DAYS[phrase])).isoformat()
    if len(words) == 1 and words[0] in WEEKDAYS:
        delta = (WEEKDAYS.index(words[0]) - base.weekday()) % 7
        if not future and delta:
            delta -= 7
        return (base + dt.timedelta(days=delta)).isoformat()
    if any(w in phrase for w in ("week", "month", "ago", "last", "next", "earlier", "later", "day")):
        return None
    from dateutil import parser

    try:
        default = dt.datetime(base.year, base.month, 1)
        parsed = parser.parse(phrase, default=default).date()
    except (ValueError, OverflowError):
        return None
    has_year = re.search(r"\b(1[89]|20)\d\d\b", phrase)
    has_day = re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", phrase.replace(has_year.group(0), "") if has_year else phrase)
    if not has_year and parsed > base and not future:
        try:
            parsed = parsed.replace(year=parsed.year - 1)
        except ValueError:  # 29 February in a year before a leap year
            parsed = parsed.replace(year=parsed.year - 1, day=28)
    if not has_day:
        return f"{parsed.year}-{parsed.month:02d}"
    return parsed.isoformat()


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
