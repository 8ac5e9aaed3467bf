"""Stems: the inflected forms of a word counted as one term (optional).

With ``stem=True``, :func:`~toolkit.stats.keywords.keyness` and
:func:`~toolkit.stats.keywords.keyword_frequencies` count every form of a word under
its Snowball stem (nltk's :class:`~nltk.stem.snowball.SnowballStemmer`, which needs no
downloaded data): a word with a Cyrillic letter gets the Russian stemmer, any other word
the stemmer of the target's language when Snowball has one for it, else the English
one. The tables show each stem by its most frequent form (``term``), with the ``stem``
and the ``forms`` counted under it. An n-gram's stem is the stems of its words.

Examples
--------
>>> stem_words(["заявил", "заявила", "said", "says", "markets", "market"])
['заяв', 'заяв', 'said', 'say', 'market', 'market']
>>> stem_words(["Häuser", "Haus"], "de")
['haus', 'haus']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

__all__ = ["SNOWBALL_LANGUAGES", "latin_stemmer", "stem_words"]

#: ISO 639-1 code -> nltk Snowball language.
SNOWBALL_LANGUAGES: dict[str, str] = {
    "ar": "arabic", "da": "danish", "nl": "dutch", "en": "english", "fi": "finnish",
    "fr": "french", "de": "german", "hu": "hungarian", "it": "italian", "no": "norwegian",
    "nb": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian", "es": "spanish",
    "sv": "swedish",
}  # fmt: skip

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=32)
def _stemmer(language: str) -> Any:
    from nltk.stem.snowball import SnowballStemmer  # rules in code: no data to download

    return SnowballStemmer(language)


def latin_stemmer(language: str | None) -> str:
    """The Snowball language for words without a Cyrillic letter of a group in
    ``language`` (an ISO code): its own when Snowball has it (Russian aside), else English.

    Examples
    --------
    >>> latin_stemmer("de"), latin_stemmer("ru"), latin_stemmer(None), latin_stemmer("uk")
    ('german', 'english', 'english', 'english')
    """
    name = SNOWBALL_LANGUAGES.get(language or "", "english")
    return "english" if name in ("russian", "arabic") else name


def stem_words(words: Sequence[str], language: str | None = "en") -> list[str]:
    """The Snowball stem of each word (lower-cased): Russian for a word with a Cyrillic
    letter, else the stemmer of ``language`` (see :func:`latin_stemmer`).

    Parameters
    ----------
    words : sequence of str
    language : str or None, default "en"
        ISO 639-1 code of the language of the words in Latin script.

    Returns
    -------
    list of str

    Examples
    --------
    >>> stem_words(["власти", "власть", "Council", "councils"])
    ['власт', 'власт', 'council', 'council']
    """
    ru = _stemmer("russian").stem
    other = _stemmer(latin_stemmer(language)).stem
    return [ru(w) if _CYRILLIC.search(w) else other(w) for w in words]
