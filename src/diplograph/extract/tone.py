"""The tone of a clause, from VADER's sentiment lexicon (vaderSentiment, MIT): made for short
texts, it scores a clause from -1 (hostile) to +1 (warm), with negation and intensifiers.

    >>> tone("He was a gentle soul and a brilliant artist.") > 0.5, tone("Leaving them to die is a big mistake.") < -0.5
    (True, True)
"""

from __future__ import annotations

from functools import cache

PRAISE = 0.5  # compound score at or above which a judged clause is praise
BLAME = -0.5  # at or below which it is criticism


@cache
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def tone(text: str) -> float:
    """VADER's compound score of a text."""
    return _analyzer().polarity_scores(text)["compound"]
