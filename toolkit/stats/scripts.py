"""Stray strings: text in the wrong script, mixed-script words, mojibake, markup, controls.

A scraped page in one language often carries a few lines that do not belong to the
article: a Cyrillic "subscribe" button at the foot of an English page, English "Read
more" links in a Russian page, words spelt with look-alike letters from another
alphabet, text decoded with the wrong character encoding, HTML that the scraper did
not strip, and invisible control characters. This module finds them.

The small functions each do one job on one string:

* :func:`char_scripts` counts the letters of every Unicode script in a text;
* :func:`dominant_script` names the script with the most letters;
* :func:`find_mixed_script_words` lists words spelt with letters of two scripts;
* :func:`is_mojibake` / :func:`fix_mojibake` detect and repair wrongly decoded text
  with ftfy (mojibake: what ftfy's detector flags and its repair changes);
* :func:`find_markup` lists leftover HTML tags and entities;
* :func:`find_control` lists invisible and control characters.

The table functions work on whole columns:

* :func:`script_counts` counts letters per script for every string of a Series;
* :func:`mark_stray` labels every line of a lines table (``stray_kind`` and friends);
* :func:`script_profile` gives one row per article with the share of each script.

What counts as a letter
-----------------------
A *letter* is a character of Unicode general category L (``\\p{L}``) whose Unicode
``Script`` property is a real script. Characters of the ``Common`` and ``Inherited``
scripts (digits, punctuation, symbols, combining accents, the micro sign) are not
letters of any script and are never counted.

>>> char_scripts("Hello, мир! 123")
Counter({'Latin': 5, 'Cyrillic': 3})
"""

from __future__ import annotations

import functools
import html.entities
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ftfy
import ftfy.badness
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import regex

from toolkit.schema import STRAY_KIND_PRIORITY, STRAY_KINDS, SchemaError, as_articles
from toolkit.text import RUN_CHARS, char_runs

__all__ = [
    "MAJOR_SCRIPTS",
    "SCRIPT_COUNT_COLUMNS",
    "SCRIPT_NAMES",
    "STRAY_COLUMNS",
    "STRAY_KINDS",
    "char_scripts",
    "dominant_script",
    "find_control",
    "find_markup",
    "find_mixed_script_words",
    "fix_mojibake",
    "is_mojibake",
    "mark_stray",
    "script_counts",
    "script_profile",
]

#: Every Unicode script whose letters are counted (``Common``, ``Inherited`` and
#: ``Unknown`` are not scripts of letters). Order breaks ties in :func:`dominant_script`.
SCRIPT_NAMES: tuple[str, ...] = (
    "Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Han", "Bopomofo", "Coptic",
    "Armenian", "Syriac", "Thaana", "Nko", "Samaritan", "Mandaic", "Devanagari", "Bengali",
    "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala",
    "Thai", "Lao", "Tibetan", "Myanmar", "Georgian", "Hangul", "Ethiopic", "Cherokee",
    "Canadian_Aboriginal", "Ogham", "Runic", "Tagalog", "Hanunoo", "Buhid", "Tagbanwa",
    "Khmer", "Mongolian", "Limbu", "Tai_Le", "New_Tai_Lue", "Buginese", "Tai_Tham",
    "Balinese", "Sundanese", "Batak", "Lepcha", "Ol_Chiki", "Braille", "Glagolitic",
    "Tifinagh", "Hiragana", "Katakana", "Yi", "Lisu", "Vai", "Bamum", "Syloti_Nagri",
    "Phags_Pa", "Saurashtra", "Kayah_Li", "Rejang", "Javanese", "Cham", "Tai_Viet",
    "Meetei_Mayek", "Linear_B", "Lycian", "Carian", "Old_Italic", "Gothic", "Old_Permic",
    "Ugaritic", "Old_Persian", "Deseret", "Shavian", "Osmanya", "Osage", "Elbasan",
    "Caucasian_Albanian", "Vithkuqi", "Todhri", "Linear_A", "Cypriot", "Imperial_Aramaic",
    "Palmyrene", "Nabataean", "Hatran", "Phoenician", "Lydian", "Sidetic",
    "Meroitic_Hieroglyphs", "Meroitic_Cursive", "Kharoshthi", "Old_South_Arabian",
    "Old_North_Arabian", "Manichaean", "Avestan", "Inscriptional_Parthian",
    "Inscriptional_Pahlavi", "Psalter_Pahlavi", "Old_Turkic", "Old_Hungarian",
    "Hanifi_Rohingya", "Garay", "Yezidi", "Old_Sogdian", "Sogdian", "Old_Uyghur",
    "Chorasmian", "Elymaic", "Brahmi", "Kaithi", "Sora_Sompeng", "Chakma", "Mahajani",
    "Sharada", "Khojki", "Multani", "Khudawadi", "Grantha", "Tulu_Tigalari", "Newa",
    "Tirhuta", "Siddham", "Modi", "Takri", "Ahom", "Dogra", "Warang_Citi", "Dives_Akuru",
    "Nandinagari", "Zanabazar_Square", "Soyombo", "Pau_Cin_Hau", "Sunuwar", "Bhaiksuki",
    "Marchen", "Masaram_Gondi", "Gunjala_Gondi", "Tolong_Siki", "Makasar", "Kawi",
    "Cuneiform", "Proto_Cuneiform", "Cypro_Minoan", "Egyptian_Hieroglyphs",
    "Anatolian_Hieroglyphs", "Gurung_Khema", "Mro", "Tangsa", "Bassa_Vah", "Pahawh_Hmong",
    "Kirat_Rai", "Medefaidrin", "Beria_Erfe", "Miao", "Tangut", "Nushu",
    "Khitan_Small_Script", "Jurchen", "Duployan", "SignWriting", "Nyiakeng_Puachue_Hmong",
    "Toto", "Wancho", "Nag_Mundari", "Ol_Onal", "Tai_Yo", "Mende_Kikakui", "Adlam", "Seal",
    "Katakana_Or_Hiragana",
)  # fmt: skip

#: Position of each script in :data:`SCRIPT_NAMES` (tie-break order of :func:`dominant_script`).
_SCRIPT_RANK: dict[str, int] = {name: i for i, name in enumerate(SCRIPT_NAMES)}

#: Scripts with their own column in :func:`script_counts`.
MAJOR_SCRIPTS: tuple[str, ...] = ("Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Han")

#: Columns of :func:`script_counts`.
SCRIPT_COUNT_COLUMNS: tuple[str, ...] = (
    "n_letters",
    *(f"n_{s.lower()}" for s in MAJOR_SCRIPTS),
    "n_other_script",
)

#: Columns :func:`mark_stray` adds to a lines table.
STRAY_COLUMNS: tuple[str, ...] = (
    "script",
    "stray_kind",
    "stray_chars",
    "stray_text",
    "repaired_text",
)

_OTHER = len(MAJOR_SCRIPTS) + 1  # code of "a letter of some other script"
_MARK = 255  # code of a combining mark: transparent inside a word
_N_CODES = _OTHER + 1

_LETTER_RE = regex.compile(r"\p{L}")
# not the toolkit's word (toolkit.text.words): a run of letters (and their marks) whose
# scripts are compared, so a hyphen ends it ("IT-компания" is two runs, not one mixed word)
_WORD_RE = regex.compile(r"[\p{L}\p{M}]+")
_URL_RE = regex.compile(
    r"(?:https?://|www\.)[^\s<>\"«»“”]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", regex.IGNORECASE
)
_URL_HINT = r"(?i)https?://|www\.|@"


# --------------------------------------------------------------------------- tables


@functools.cache
def _code_table() -> np.ndarray:
    """Return ``uint8[0x110000]``: 0 not a letter, 1..6 a major script, 7 other, 255 mark."""
    # every code point but the surrogates, decoded from UTF-32 (a join of 1.1M one-character
    # strings would hold them all at once: about 85 MB)
    points = np.r_[np.arange(0xD800), np.arange(0xE000, 0x110000)].astype("<u4")
    everything = points.tobytes().decode("utf-32-le")
    letters = "".join(
        regex.findall(
            r"[\p{L}--\p{Script=Common}--\p{Script=Inherited}]", everything, flags=regex.V1
        )
    )
    table = np.zeros(0x110000, dtype=np.uint8)
    table[np.frombuffer(letters.encode("utf-32-le"), dtype=np.uint32)] = _OTHER
    for code, name in enumerate(MAJOR_SCRIPTS, start=1):
        found = "".join(regex.findall(rf"\p{{Script={name}}}", letters))
        table[np.frombuffer(found.encode("utf-32-le"), dtype=np.uint32)] = code
    marks = "".join(regex.findall(r"\p{M}", everything))
    table[np.frombuffer(marks.encode("utf-32-le"), dtype=np.uint32)] = _MARK
    return table


@functools.cache
def _script_patterns() -> tuple[tuple[str, Any], ...]:
    out = []
    for name in SCRIPT_NAMES:
        try:
            out.append((name, regex.compile(rf"\p{{Script={name}}}")))
        except regex.error:  # a script unknown to this version of `regex`
            continue
    return tuple(out)


@functools.cache
def _script_of(ch: str) -> str | None:
    """Script name of one letter (None for Common/Inherited letters)."""
    code = int(_code_table()[ord(ch)])
    if 1 <= code <= len(MAJOR_SCRIPTS):
        return MAJOR_SCRIPTS[code - 1]
    if code != _OTHER:
        return None
    for name, pattern in _script_patterns():
        if pattern.match(ch):
            return name
    return None


# --------------------------------------------------------------------------- one string


def char_scripts(text: str) -> Counter[str]:
    """Count the letters of each Unicode script in ``text``.

    Digits, punctuation, spaces and combining accents belong to no script and are
    not counted, so an empty or letterless text gives an empty counter.

    Parameters
    ----------
    text : str

    Returns
    -------
    collections.Counter
        Script name (Unicode long name, e.g. ``"Latin"``, ``"Cyrillic"``, ``"Han"``)
        -> number of letters.

    Examples
    --------
    >>> char_scripts("")
    Counter()
    >>> char_scripts("2024 -- !?")
    Counter()
    >>> char_scripts("Коммерсантъ reported")
    Counter({'Cyrillic': 11, 'Latin': 8})

    A combining accent is not a letter: ``e`` + U+0301 counts once.

    >>> char_scripts("cafe\\u0301")
    Counter({'Latin': 4})
    >>> char_scripts("東京タワー")["Katakana"]
    2
    """
    counts: Counter[str] = Counter()
    for ch, n in Counter(_LETTER_RE.findall(text)).items():
        name = _script_of(ch)
        if name is not None:
            counts[name] += n
    return counts


def dominant_script(counts_or_text: Mapping[str, int] | str) -> str | None:
    """Name the script with the most letters, or None when there are no letters.

    Ties go to the script listed first in :data:`SCRIPT_NAMES` (Latin, Cyrillic,
    Greek, Arabic, Hebrew, Han, then the rest).

    Parameters
    ----------
    counts_or_text : str or mapping of script name -> count
        A text, or the output of :func:`char_scripts`.

    Returns
    -------
    str or None

    Examples
    --------
    >>> dominant_script("The daily «Коммерсантъ» reported on Tuesday")
    'Latin'
    >>> dominant_script({"Cyrillic": 4, "Latin": 4})
    'Latin'
    >>> dominant_script("") is None
    True
    >>> dominant_script("12:30") is None
    True
    """
    counts = char_scripts(counts_or_text) if isinstance(counts_or_text, str) else counts_or_text
    if len(counts) == 1:
        ((name, n),) = counts.items()
        return name if n > 0 else None
    rank = _SCRIPT_RANK
    last = len(rank)
    best: str | None = None
    for name, n in counts.items():
        if n <= 0:
            continue
        if (
            best is None
            or n > counts[best]
            or (n == counts[best] and rank.get(name, last) < rank.get(best, last))
        ):
            best = name
    return best


#: Scripts that legitimately share words (Japanese, Korean mixed writing).
_CJK = frozenset({"Han", "Hiragana", "Katakana", "Hangul", "Bopomofo", "Katakana_Or_Hiragana"})
#: Scripts written without spaces between words: where one of them meets another script
#: inside a run of letters, the run holds two words ("新款iPhone手机" is not one word).
_UNSPACED = _CJK | {"Thai", "Lao", "Khmer", "Myanmar"}
#: Capitals used for Roman numerals, Latin and Cyrillic ("ХХI век" is typed both ways).
_ROMAN = frozenset("IVXLCDMХСМІ")

_DATA = Path(__file__).with_name("data")


@functools.cache
def _greek_lookalikes() -> frozenset[str]:
    """Greek letters that Unicode's confusables data maps to Latin letters.

    Read from ``data/greek_lookalikes.tsv``, which ``benchmarks/make_greek_lookalikes.py``
    derives from UTS #39 ``confusables.txt`` (see the header of the file).
    """
    rows = (_DATA / "greek_lookalikes.tsv").read_text(encoding="utf-8").splitlines()
    return frozenset(chr(int(row.split("\t", 1)[0], 16)) for row in rows if row[:1] not in "#")


def _word_scripts(word: str) -> list[str | None]:
    """Per character: its script, None for a letter of no script, "" for a non-letter."""
    return [_script_of(ch) if ch.isalpha() else "" for ch in word]


def _unspaced_parts(per_char: list[str | None]) -> list[tuple[int, int]]:
    """Cut a run of letters where a script of :data:`_UNSPACED` meets any other script."""
    cuts = [0]
    before: bool | None = None
    for i, name in enumerate(per_char):
        if not name:
            continue
        unspaced = name in _UNSPACED
        if before is not None and unspaced != before:
            cuts.append(i)
        before = unspaced
    cuts.append(len(per_char))
    return list(itertools.pairwise(cuts))


def _joins_like_a_word(word: str, per_char: list[str | None], greek: list[int]) -> bool:
    """Whether the Greek letters at one edge of ``word`` meet its Latin letters as the
    letters of an ordinary word do: the same case either side of the join ("usuallγ",
    "αbout", "ΝATO"), or a Greek capital starting the word before a small letter
    ("Ϻercury"). Notation breaks the case there: "TNFα", "Hα", "αKlotho", "κB"."""
    letters = [i for i, name in enumerate(per_char) if name != ""]
    if greek[0] == letters[0]:  # at the start: the last Greek letter meets the next letter
        left = greek[-1]
        right = letters[letters.index(left) + 1]
    else:  # at the end: the letter before the first Greek letter meets it
        right = greek[0]
        left = letters[letters.index(right) - 1]
    a, b = word[left], word[right]
    if a.islower() and b.isupper():
        return False
    if a.isupper() and b.islower():  # only a Greek capital starting the word
        return left == letters[0] and per_char[left] == "Greek"
    return True


def _is_excused_mix(word: str, per_char: list[str | None], scripts: set[str]) -> bool:
    if scripts <= _CJK:
        return True
    if set(word) <= _ROMAN:
        return True
    if scripts == {"Latin", "Greek"}:
        letters = [i for i, name in enumerate(per_char) if name != ""]
        greek = [i for i in letters if per_char[i] == "Greek"]
        contiguous = all(per_char[i] != "Latin" for i in range(greek[0], greek[-1]))
        at_edge = greek[0] == letters[0] or greek[-1] == letters[-1]
        if contiguous and at_edge and len(greek) <= 2:
            lookalikes = _greek_lookalikes()
            if not any(word[i] in lookalikes for i in greek):
                return True
            return not _joins_like_a_word(word, per_char, greek)
    return False


def find_mixed_script_words(text: str) -> list[str]:
    """List the words of ``text`` that are spelt with letters of two or more scripts.

    A *word* is a maximal run of letters and combining marks: hyphens, digits,
    apostrophes and spaces end a word, so a compound such as ``IT-компания`` or
    ``iPhone'ы`` is two words, each in one script, and is never reported. A run is
    also cut where a script written without spaces between words (Han, Hiragana,
    Katakana, Hangul, Bopomofo, Thai, Lao, Khmer, Myanmar) meets another script, so
    the Latin brand of "苹果公司发布了新款iPhone手机" or "아이폰iPhone을" is a word of its
    own. A word such as ``Мinistry`` (Cyrillic ``М``) or ``раypal`` (Cyrillic ``р``
    and ``а``) is the typical homoglyph accident or spoof.

    Three mixtures are excused:

    * Han, Hiragana, Katakana, Hangul and Bopomofo together (Japanese and Korean
      write words that way);
    * a word made only of the capitals used as Roman numerals (Latin ``IVXLCDM``,
      Cyrillic ``Х С М І``): Russian texts type "ХХI век" with either keyboard;
    * a Latin word with one or two adjacent Greek letters at its start or end, such
      as ``TNFα``, ``αKlotho`` or ``κB`` (of ``NF-κB``), unless one of them looks like
      a Latin letter *and* they join the Latin letters as in an ordinary word. The
      look-alikes are those of Unicode's confusables data (UTS #39: ``ο``, ``α``,
      ``γ``, ``σ``, ``ϲ``, ``Ϻ``, ``ᴦ``, ``Α``, ...; ``data/greek_lookalikes.tsv``);
      an ordinary join has the same case on both sides, or a Greek capital that
      starts the word before a small Latin letter. So ``αbout``, ``usuallγ``,
      ``Ϻercury`` and ``Οlympics`` are reported, while ``TNFα``, ``Hα`` and
      ``αKlotho`` change case at the join, as notation does. (A two-letter word
      such as ``Sο``, a capital and a small Greek look-alike, reads as notation
      too.)

    Parameters
    ----------
    text : str

    Returns
    -------
    list of str
        The mixed words in order of appearance (repeats kept).

    Examples
    --------
    >>> find_mixed_script_words("")
    []
    >>> find_mixed_script_words("The Ministry said on Monday")
    []
    >>> find_mixed_script_words("The \\u041cinistry said, log in to раypal")
    ['Мinistry', 'раypal']
    >>> find_mixed_script_words("IT-компания купила iPhone'ы в ХХI веке")
    []
    >>> find_mixed_script_words("levels of TNFα rose; 東京タワー; 苹果发布了新款iPhone手机")
    []
    >>> find_mixed_script_words("It was αbout the Ϻercury mission, usuallγ")
    ['αbout', 'Ϻercury', 'usuallγ']
    """
    found = []
    for match in _WORD_RE.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        per_char = _word_scripts(word)
        scripts = {s for s in per_char if s}
        if len(scripts) < 2:
            continue
        if scripts & _UNSPACED and scripts - _UNSPACED:
            parts = _unspaced_parts(per_char)
        else:
            parts = [(0, len(word))]
        for start, stop in parts:
            part, part_scripts = word[start:stop], per_char[start:stop]
            names = {s for s in part_scripts if s}
            if len(names) >= 2 and not _is_excused_mix(part, part_scripts, names):
                found.append(part)
    return found


def is_mojibake(text: str) -> bool:
    """Say whether ``text`` is mojibake that ftfy can repair.

    Mojibake is text that was encoded in one character encoding and decoded in
    another, such as UTF-8 read as Windows-1252 (``Ã©`` for ``é``, ``â€™`` for
    ``’``) or Cyrillic UTF-8 read as Latin-1 or Windows-1251. The verdict takes two
    steps of ftfy: its detector (:func:`ftfy.badness.is_bad`, which looks for
    character sequences far likelier in mojibake than in real text) must flag the
    text, *and* its repair (:func:`fix_mojibake`) must change it. Correct accented,
    Cyrillic or Greek text fails the first step. Text that merely looks suspicious,
    which ftfy's own test cases leave alone ("Bremer/Mccoy – DrÃ¥ber", a Serbian
    camel-cased "ПоздравЂаво", a lone C1 control character that no code page
    decodes), fails the second; :func:`find_control` reports the controls.

    Parameters
    ----------
    text : str

    Returns
    -------
    bool

    Examples
    --------
    >>> is_mojibake("")
    False
    >>> is_mojibake("naïve café in São Paulo, Привет")
    False
    >>> is_mojibake("The cafÃ© opened")
    True
    >>> is_mojibake("Ð—Ð°Ð³Ð¾Ð»Ð¾Ð²Ð¾Ðº")
    True

    ftfy's detector fires on these, but its repair leaves them as they are:

    >>> import ftfy.badness
    >>> ftfy.badness.is_bad("ПоздравЂаво"), is_mojibake("ПоздравЂаво")
    (True, False)
    >>> is_mojibake("intentional \\u0081 control")
    False
    """
    return _repair(text) is not None


def _repair(text: str) -> str | None:
    """:func:`fix_mojibake` of ``text`` when ftfy's detector flags it and the repair
    changes it (the text is mojibake); None otherwise."""
    if not text or not ftfy.badness.is_bad(text):
        return None
    fixed = fix_mojibake(text)
    return fixed if fixed != text else None


def fix_mojibake(text: str) -> str:
    """Repair mojibake with :func:`ftfy.fix_encoding`; other text comes back unchanged.

    Only ftfy's encoding steps run: quote marks, HTML entities, character widths
    and line breaks are left alone, so the repair changes nothing but the damage.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> fix_mojibake("")
    ''
    >>> fix_mojibake("“Fine” text &amp; more")
    '“Fine” text &amp; more'
    >>> fix_mojibake("â€œIâ€™m convinced,â€\\x9d he said")
    '“I’m convinced,” he said'
    >>> fix_mojibake("РџРѕРґРїРёСЃР°С‚СЊСЃСЏ")
    'Подписаться'
    """
    return ftfy.fix_encoding(text)


_HTML_TAGS = (
    "a|abbr|address|area|article|aside|audio|b|base|bdi|bdo|blockquote|body|br|button|"
    "canvas|caption|center|cite|code|col|colgroup|data|dd|del|details|dfn|dialog|div|dl|dt|"
    "em|embed|fieldset|figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|"
    "iframe|img|input|ins|kbd|label|legend|li|link|main|mark|meta|nav|noscript|object|ol|"
    "optgroup|option|output|p|param|picture|pre|q|s|samp|script|section|select|small|"
    "source|span|strike|strong|style|sub|summary|sup|svg|path|table|tbody|td|template|"
    "textarea|tfoot|th|thead|time|title|tr|track|tt|u|ul|var|video|wbr"
)
_NAMED_ENTITIES = sorted(
    {name.rstrip(";") for name in html.entities.html5 if name.endswith(";")}, key=len, reverse=True
)
_MARKUP_RE = regex.compile(
    r"<!--.*?(?:-->|$)"  # comment (possibly cut at the end of the line)
    r"|<!DOCTYPE[^<>]*>"
    rf"|</?(?:{_HTML_TAGS})(?=[\s/>])(?:\s+[^<>]*?)?/?>"  # a known HTML element
    r"|&#[0-9]{1,7};|&#[xX][0-9a-fA-F]{1,6};"  # numeric character references
    rf"|&(?:{'|'.join(_NAMED_ENTITIES)});"  # named references, with their semicolon
    r"|&(?:nbsp|amp|quot|lt|gt|mdash|ndash|laquo|raquo|hellip)(?![A-Za-z0-9;])",  # no ';'
    regex.IGNORECASE | regex.DOTALL,
)
_MARKUP_HINT = r"<[A-Za-z/!]|&[#A-Za-z]"


def find_markup(text: str) -> list[str]:
    """List leftover HTML: tags, comments and character references (entities).

    A tag is reported only when it names a real HTML element (``<br>``,
    ``<p class="x">``, ``</div>``, ``<img src=...>``), so comparisons ("a < b
    and c > d"), hearts (``<3``) and placeholders (``<name>``) are not markup. A
    character reference needs its closing semicolon (``&amp;``, ``&#8217;``,
    ``&#x2019;``, ``&laquo;``), except for the handful that scrapers often leave
    without one (``&nbsp``, ``&amp``, ``&quot``, ``&lt``, ``&gt``, ``&mdash``,
    ``&ndash``, ``&laquo``, ``&raquo``, ``&hellip``). ``AT&T`` and ``R&D`` are not
    markup.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of str
        The matched spans, in order.

    Examples
    --------
    >>> find_markup("")
    []
    >>> find_markup("If a < b and c > d, then <3 for AT&T and R&D")
    []
    >>> find_markup('Lavrov said<br/> that <p class="lead">talks &amp; more&#8217;s</p>')
    ['<br/>', '<p class="lead">', '&amp;', '&#8217;', '</p>']
    >>> find_markup("Москва&nbsp;сегодня")
    ['&nbsp;']
    """
    return [m.group() for m in _MARKUP_RE.finditer(text)]


_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_C0_C1 = "\x00-\x08\x0b-\x1f\x7f\x80-\x9f"
_CONTROL_RE = regex.compile(rf"[{_ZERO_WIDTH}{_BIDI}{_C0_C1}]+")
_CONTROL_HINT = f"[{_ZERO_WIDTH}{_BIDI}{_C0_C1}]"
#: Letters of right-to-left scripts: bidi marks are legitimate in their company.
_RTL_RE = regex.compile(
    r"[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}"
    r"\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}]"
)
#: ZWJ/ZWNJ between these characters are part of the writing (emoji, Indic, Arabic, ...).
_JOINER_OK_RE = regex.compile(
    r"(?<=[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f"
    r"[\p{L}\p{M}--\p{Script=Latin}--\p{Script=Cyrillic}--\p{Script=Greek}]])"
    r"[\u200c\u200d]"
    r"(?=[\p{Extended_Pictographic}[\p{L}\p{M}--\p{Script=Latin}--\p{Script=Cyrillic}"
    r"--\p{Script=Greek}]])",
    regex.V1,
)


def find_control(text: str) -> list[str]:
    """List runs of invisible or control characters that a clean text would not have.

    Reported are:

    * zero-width characters: U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER, U+FEFF
      (byte order mark / zero width no-break space) anywhere, and U+200C/U+200D
      (zero width (non-)joiner) except between emoji or between letters of scripts
      other than Latin, Cyrillic and Greek, where they shape the writing;
    * bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E,
      U+2066-U+2069), except in a text that holds right-to-left letters (Hebrew,
      Arabic, ...); the overrides U+202D and U+202E are always reported;
    * C0 controls other than tab and newline (so NUL, carriage return, form feed,
      DEL are reported) and the C1 controls U+0080-U+009F.

    The soft hyphen (U+00AD) and the no-break space are typography, not controls.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of str
        Each run of consecutive reported characters, in order.

    Examples
    --------
    >>> find_control("")
    []
    >>> find_control("Tab\\tand newline\\n are fine, so is a\\u00a0no-break space")
    []
    >>> find_control("Sub\\u200bscribe\\x00 now\\u202e")
    ['\\u200b', '\\x00', '\\u202e']
    >>> find_control("שלום\\u200f world")
    []
    >>> find_control("family 👨\\u200d👩\\u200d👧")
    []
    """
    if not text:
        return []
    rtl = _RTL_RE.search(text) is not None
    out = []
    for match in _CONTROL_RE.finditer(text):
        start = match.start()
        kept = []
        for offset, ch in enumerate(match.group()):
            pos = start + offset
            if ch in "\u200c\u200d" and _JOINER_OK_RE.match(text, pos):
                continue
            if rtl and ch in "\u061c\u200e\u200f\u202a\u202b\u202c\u2066\u2067\u2068\u2069":
                continue
            kept.append(ch)
        if kept:
            out.append("".join(kept))
    return out


def _visible(span: str) -> str:
    return " ".join(f"U+{ord(ch):04X}" for ch in span)


# --------------------------------------------------------------------------- columns


def _as_list(texts: Any) -> list[str]:
    """The strings of a Series or sequence as a list; anything that is not a str becomes ""."""
    if isinstance(texts, pd.Series) and isinstance(texts.dtype, pd.StringDtype):
        return list(texts.fillna("").tolist())  # all str already
    values = texts.tolist() if isinstance(texts, pd.Series) else texts
    return [t if isinstance(t, str) else "" for t in values]


_SURROGATE_RE = regex.compile(r"[\ud800-\udfff]")


def _arrow(texts: list[str], column: pd.Series | None = None) -> Any:
    """The strings as an Arrow array (for RE2 searches); lone surrogates become U+FFFD.

    A pandas column already backed by Arrow is reused without copying the text.
    """
    if (
        column is not None
        and isinstance(column.dtype, pd.StringDtype)
        and column.dtype.storage == "pyarrow"
    ):
        return pc.fill_null(pa.array(column), "")
    try:
        return pa.array(texts, type=pa.large_string())
    except UnicodeEncodeError:
        clean = [_SURROGATE_RE.sub("\ufffd", t) for t in texts]
        return pa.array(clean, type=pa.large_string())


def _scan(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Letter counts per code (n x 8, column 0 unused) and a mixed-word candidate flag.

    Every character is looked up in :func:`_code_table`: ASCII strings (most lines of
    most corpora) are read one byte per character; the others as UTF-32.
    """
    n = len(texts)
    counts = np.zeros((n, _N_CODES), dtype=np.int64)
    mixed = np.zeros(n, dtype=bool)
    is_ascii = np.fromiter((t.isascii() for t in texts), dtype=bool, count=n)
    for ascii_only in (True, False):
        rows = np.flatnonzero(is_ascii == ascii_only)
        if rows.size:
            part = texts if rows.size == n else [texts[i] for i in rows.tolist()]
            counts[rows], mixed[rows] = _scan_part(part, ascii_only)
    return counts, mixed


def _scan_part(texts: Sequence[str], ascii_only: bool) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_scan` of strings that are all ASCII (``ascii_only``) or not."""
    table = _code_table()
    n = len(texts)
    counts = np.zeros((n, _N_CODES), dtype=np.int64)
    mixed = np.zeros(n, dtype=bool)
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    for start, stop in char_runs(lens, RUN_CHARS):
        joined = "".join(texts[start:stop])
        ends = np.cumsum(lens[start:stop])
        if ascii_only:  # ASCII letters ([A-Za-z]) are all Latin: no word mixes scripts
            arr = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
            letter = ((arr | 0x20) - 0x61) < 26  # uint8 wraps below "a"
            seg = lens[start:stop]
            nonempty = np.flatnonzero(seg)
            if nonempty.size:
                summed = np.add.reduceat(letter, (ends - seg)[nonempty], dtype=np.int64)
                counts[start + nonempty, 1] = summed
            continue
        arr = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        codes = table[arr]
        begins = ends - lens[start:stop]
        for code in range(1, _N_CODES):
            pos = np.flatnonzero(codes == code)
            if pos.size:
                counts[start:stop, code] = np.searchsorted(pos, ends) - np.searchsorted(pos, begins)
        # a letter followed (marks skipped) by a letter of another script code
        keep = np.flatnonzero(codes != _MARK)
        ck = codes[keep]
        a, b = ck[:-1], ck[1:]
        hit = np.flatnonzero((a != 0) & (b != 0) & (a != b))
        if hit.size:
            row_a = np.searchsorted(ends, keep[hit], side="right")
            row_b = np.searchsorted(ends, keep[hit + 1], side="right")
            mixed[start + row_a[row_a == row_b]] = True
    return counts, mixed


def script_counts(texts: Any) -> pd.DataFrame:
    """Count letters per script for every string of a column.

    Vectorised: the strings are joined, turned into an array of code points and
    looked up in a table of scripts built once from the ``regex`` module's
    ``\\p{Script=...}`` classes, so the counts agree exactly with
    :func:`char_scripts`. Missing values count as empty strings.

    Parameters
    ----------
    texts : pandas.Series or sequence of str

    Returns
    -------
    pandas.DataFrame
        One row per string (same index as a Series input), int64 columns
        ``n_letters`` (letters of any script), ``n_latin``, ``n_cyrillic``,
        ``n_greek``, ``n_arabic``, ``n_hebrew``, ``n_han`` and ``n_other_script``
        (letters of every other script).

    Examples
    --------
    >>> counts = script_counts(pd.Series(["", "Read more", "Подписаться: 5 €", "TNFα 東京"]))
    >>> list(counts.columns)
    ['n_letters', 'n_latin', 'n_cyrillic', 'n_greek', 'n_arabic', 'n_hebrew', 'n_han', 'n_other_script']
    >>> counts.values.tolist()
    [[0, 0, 0, 0, 0, 0, 0, 0], [8, 8, 0, 0, 0, 0, 0, 0], [11, 0, 11, 0, 0, 0, 0, 0], [6, 3, 0, 1, 0, 0, 2, 0]]
    """
    index = texts.index if isinstance(texts, pd.Series) else pd.RangeIndex(len(list(texts)))
    lst = _as_list(texts)
    counts, _ = _scan(lst)
    frame = pd.DataFrame(counts[:, 1:], columns=list(SCRIPT_COUNT_COLUMNS[1:]), index=index)
    frame.insert(0, "n_letters", counts[:, 1:].sum(axis=1))
    return frame


def _strip_urls(texts: list[str], arr: Any = None, idx: np.ndarray | None = None) -> list[str]:
    """Replace URLs and e-mail addresses by spaces (same length) where there are any.

    ``idx``: the positions :data:`_URL_HINT` matches, when the caller knows them.
    """
    if not texts:
        return texts
    if idx is None:
        idx = _candidates(_arrow(texts) if arr is None else arr, _URL_HINT)
    if idx.size == 0:
        return texts
    out = list(texts)
    for i in idx.tolist():
        out[i] = _URL_RE.sub(lambda m: " " * len(m.group()), out[i])
    return out


def _candidates(arr: Any, pattern: str) -> np.ndarray:
    """Positions of the strings of an Arrow array that the RE2 ``pattern`` matches."""
    found = pc.fill_null(pc.match_substring_regex(arr, pattern), False)
    return np.flatnonzero(found.to_numpy(zero_copy_only=False))


def candidates_of(arr: Any, patterns: tuple[str, ...]) -> list[np.ndarray]:
    """:func:`_candidates` of each pattern, from one pass of their alternation over all
    strings and one pass of each pattern over the few strings the alternation matched
    (a string matches the alternation if and only if it matches one of the patterns)."""
    either = _candidates(arr, "|".join(f"(?:{p})" for p in patterns))
    if either.size == 0:
        return [either for _ in patterns]
    sub = arr.take(pa.array(either))
    return [either[_candidates(sub, p)] for p in patterns]


def _names_from_counts(counts: np.ndarray, texts: Any) -> list[str | None]:
    """Dominant script per row of ``counts`` (n x 8); exact names for 'other' winners."""
    major = counts[:, 1:]
    best = major.argmax(axis=1)
    labels = np.array([*MAJOR_SCRIPTS, None], dtype=object)
    names = labels[best]
    names[major.sum(axis=1) == 0] = None
    for i in np.flatnonzero((best == _OTHER - 1) & (major[:, -1] > 0)).tolist():
        names[i] = dominant_script(texts(i))
    return list(names)


# --------------------------------------------------------------------------- BADNESS prefilter


def _verbose_to_re2(pattern: str) -> str:
    """Compact a VERBOSE Python pattern and widen ``\\s``/``\\w`` so RE2 matches a superset."""
    out = []
    i, in_class = 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            esc = pattern[i : i + 2]
            if not in_class and esc == r"\s":
                esc = r"[\s\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x0b\x1c-\x1f]"
            elif not in_class and esc == r"\w":
                esc = r"[\pL\pN\pM_]"
            out.append(esc)
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
            out.append(ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
            if pattern[i + 1 : i + 2] == "]":  # a literal ']' first in a class
                out.append("]")
                i += 1
        elif ch == "#":
            while i < len(pattern) and pattern[i] != "\n":
                i += 1
            continue
        elif not ch.isspace():
            out.append(ch)
        i += 1
    return "".join(out)


@functools.cache
def _badness_re2() -> str:
    return _verbose_to_re2(ftfy.badness.BADNESS_RE.pattern)


# --------------------------------------------------------------------------- mark_stray

#: The writing systems that use several scripts (see :func:`_writing_system`).
_KANA = frozenset({"Hiragana", "Katakana", "Katakana_Or_Hiragana"})
_JAPANESE = _KANA | {"Han"}
_KOREAN = frozenset({"Hangul", "Han"})
_CHINESE = frozenset({"Han", "Bopomofo"})


def _writing_system(
    script: str, lines: Callable[[], Iterable[Mapping[str, int]]]
) -> frozenset[str]:
    """The scripts an article whose dominant script is ``script`` is written in.

    Japanese is Han, Hiragana and Katakana; Korean Hangul and Han; Chinese Han and
    Bopomofo; every other script is a writing system of its own. An article with a
    kana majority is Japanese, one with a Hangul majority Korean. One with a Han
    majority is Japanese when at least half of its Han letters stand in lines that
    also hold kana (Japanese sentences mix the two; a Japanese "ログイン" button on a
    Chinese page stands alone), Korean when at least half stand in lines with Hangul,
    and Chinese otherwise. ``lines()`` gives the letters per script of each of the
    article's lines (:func:`char_scripts`); it is asked for only when ``script`` is Han.

    >>> _writing_system("Hiragana", list) == _JAPANESE
    True
    >>> sorted(_writing_system("Han", lambda: [{"Han": 9, "Hiragana": 6}, {"Han": 5}]))
    ['Han', 'Hiragana', 'Katakana', 'Katakana_Or_Hiragana']
    >>> sorted(_writing_system("Han", lambda: [{"Han": 40}, {"Katakana": 4}, {"Han": 2, "Hiragana": 3}]))
    ['Bopomofo', 'Han']
    >>> sorted(_writing_system("Latin", list))
    ['Latin']
    """
    if script in _KANA:
        return _JAPANESE
    if script == "Hangul":
        return _KOREAN
    if script == "Bopomofo":
        return _CHINESE
    if script == "Han":
        han = with_kana = with_hangul = 0
        for counts in lines():
            n = counts.get("Han", 0)
            han += n
            if any(counts.get(name, 0) for name in _KANA):
                with_kana += n
            if counts.get("Hangul", 0):
                with_hangul += n
        best = max(with_kana, with_hangul)
        if best > 0 and 2 * best >= han:
            return _JAPANESE if with_kana >= with_hangul else _KOREAN
        return _CHINESE
    return frozenset({script})


_QUOTED_RE = regex.compile(
    r"«[^«»]*»|“[^“”]*”|„[^„“”]*[“”]|\"[^\"]*\"|‘[^‘’]*’|‹[^‹›]*›|\([^()]*\)|\[[^\[\]]*\]"
)
# not the toolkit's word either: a foreign-script span is a run of letter words, so
# numbers and hyphens (shared by every script) do not belong to any script's span
_SPAN_WORD_RE = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")
_SPAN_BREAK = "\x00"


def _foreign_spans(
    text: str, home: frozenset[str], min_letters: int, min_words: int
) -> list[tuple[int, int]]:
    """Runs of >= min_words words of one script outside ``home``, outside quotes and brackets."""
    masked = _QUOTED_RE.sub(lambda m: _SPAN_BREAK * len(m.group()), text)
    spans: list[tuple[int, int]] = []
    run: list[tuple[int, int, str]] = []  # (start, end, script)

    def close() -> None:
        if len(run) >= min_words:
            words = [text[s:e] for s, e, _ in run]
            letters = sum(sum(ch.isalpha() for ch in w) for w in words)
            caseless = not any(w[0].isupper() or w[0].islower() for w in words)
            lowered = any(w[0].islower() for w in words)
            if letters >= min_letters and (lowered or caseless):
                spans.append((run[0][0], run[-1][1]))
        run.clear()

    prev_end = 0
    for match in _SPAN_WORD_RE.finditer(masked):
        scripts = char_scripts(match.group())
        script = dominant_script(scripts)
        gap = masked[prev_end : match.start()]
        if run and (_SPAN_BREAK in gap or script != run[-1][2] or len(scripts) > 1):
            close()
        if script is not None and script not in home and len(scripts) == 1:
            run.append((match.start(), match.end(), script))
        elif run:
            close()
        prev_end = match.end()
    close()
    return spans


def mark_stray(
    lines: pd.DataFrame,
    *,
    article_script: pd.Series | None = None,
    min_foreign_letters: int = 3,
    min_span_letters: int = 12,
    min_span_words: int = 3,
) -> pd.DataFrame:
    """Label the stray strings of every line of a lines table.

    The article's script is the dominant script of the letters of all its lines
    (letters inside URLs and e-mail addresses are not counted anywhere here).
    Each line then gets at most one ``stray_kind``; when several apply, the first
    of this list wins (lines that are stray as a whole come before spans):

    1. ``"mojibake"``: ftfy's detector fires on the line and ftfy's repair changes
       it (:func:`is_mojibake`). The whole line is stray; ``repaired_text`` holds
       :func:`fix_mojibake`'s repair, which always differs from the line.
    2. ``"foreign_script"`` (whole line): the line's dominant script is not of the
       article's writing system, has at least ``min_foreign_letters`` letters in the
       line and outnumbers the line's letters of that writing system (a tie keeps
       the line at home), e.g. "Подписаться на рассылку" on an English page, "Read
       more" on a Russian one.
       The whole line is stray. A line that merely *mentions* a foreign name ("the
       daily «Коммерсантъ» said", "по данным Reuters", "NATO", "iPhone") keeps the
       article's script as its majority and is not stray. A writing system is one
       script, except that Japanese is Han, Hiragana and Katakana together, Korean
       Hangul and Han, and Chinese Han and Bopomofo (an article with a Han majority
       is Japanese when at least half of its Han letters stand in lines that also
       hold kana, Korean likewise with Hangul, else Chinese): a Hiragana line of a
       Japanese article with a Han majority is not foreign, a Hangul or kana line of
       a Chinese article is.
    3. ``"control"``: :func:`find_control` finds invisible or control characters;
       ``stray_text`` spells them as code points ("U+200B"), since they are invisible.
    4. ``"markup"``: :func:`find_markup` finds HTML tags or entities.
    5. ``"mixed_script_word"``: :func:`find_mixed_script_words` finds a word spelt
       in two scripts ("Мinistry").
    6. ``"foreign_script"`` (span): inside a line in the article's writing system,
       a run of at least ``min_span_words`` consecutive words of one foreign script
       holding at least ``min_span_letters`` letters, not inside quotes («», “”, „“,
       "", ‘’, ‹›) or brackets, with at least one word starting in lower case (a run
       of capitalised words is a name such as "The Wall Street Journal"; scripts
       without case always qualify). E.g. "Lavrov said Tuesday. Читайте также
       наши новости".

    ``stray_chars`` is the line's length for whole-line kinds (1, 2) and the summed
    length of the reported spans otherwise; ``stray_text`` is the stripped line for
    whole-line kinds and the spans joined by ``" | "`` otherwise.

    The letter counts behind every decision are kept with the line, so that the
    article's script profile (:func:`script_profile`) is their sum over its lines.

    Parameters
    ----------
    lines : pandas.DataFrame
        The lines table of :func:`toolkit.text.split_lines` (at least ``article_id``
        and ``text``; other columns are carried through).
    article_script : pandas.Series, optional
        Script name indexed by ``article_id`` that overrides the computed article
        script (articles missing from it keep the computed one).
    min_foreign_letters : int, default 3
        Fewest foreign letters for a whole line to be ``foreign_script``.
    min_span_letters, min_span_words : int, default 12 and 3
        Thresholds of a foreign span inside a line (rule 6).

    Returns
    -------
    pandas.DataFrame
        A new frame: ``lines`` plus ``script`` (str or None), ``stray_kind`` (str or
        None), ``stray_chars`` (int64, 0 when not stray), ``stray_text`` (str or
        None), ``repaired_text`` (str or None; only for mojibake), ``n_letters``,
        ``n_latin``, ``n_cyrillic`` (int64: the line's letters outside URLs and
        e-mail addresses, all scripts, Latin and Cyrillic) and ``article_script``
        (str or None: the script the line was judged against, i.e. the dominant
        script of all the article's lines or the ``article_script`` override).

    Examples
    --------
    >>> from toolkit.text import split_lines
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [
    ...     "Talks resumed in Geneva on Monday, officials said.\\n"
    ...     "The daily «Коммерсантъ» first reported the plan.\\n"
    ...     "The cafÃ© owner spoke to reporters.\\n"
    ...     "Prices rose<br> again.\\n"
    ...     "Подписаться на рассылку"]})
    >>> out = mark_stray(split_lines(arts))
    >>> out[["script", "stray_kind", "stray_chars"]].values.tolist()
    [['Latin', None, 0], ['Latin', None, 0], ['Latin', 'mojibake', 35], ['Latin', 'markup', 4], ['Cyrillic', 'foreign_script', 23]]
    >>> out.loc[2, "repaired_text"]
    'The café owner spoke to reporters.'
    """
    if "text" not in lines.columns or "article_id" not in lines.columns:
        raise SchemaError("mark_stray needs a lines table with 'article_id' and 'text'")
    return stray_of_lines(
        lines, article_script, min_foreign_letters, min_span_letters, min_span_words
    )


@dataclass
class _ArticleScripts:
    """Each line's article (``codes`` into ``uniques``), the articles' summed script
    counts and their script names (from the counts, ties read from the text)."""

    codes: np.ndarray
    uniques: np.ndarray
    counts: np.ndarray
    members: dict[int, list[int]]
    names: list[str | None]


def _article_scripts(ids: Any, counts: np.ndarray, texts: list[str]) -> _ArticleScripts:
    codes, uniques = pd.factorize(ids, use_na_sentinel=False)
    art_counts = np.zeros((len(uniques), _N_CODES), dtype=np.int64)
    np.add.at(art_counts, codes, counts)
    members: dict[int, list[int]] = {}
    if (art_counts[:, _OTHER] > 0).any():  # only a tie between other scripts reads text
        for i, c in enumerate(codes.tolist()):
            members.setdefault(c, []).append(i)
    names = _names_from_counts(
        art_counts, lambda a: "\n".join(texts[i] for i in members.get(a, []))
    )
    return _ArticleScripts(codes, np.asarray(uniques), art_counts, members, names)


class _Offers:
    """The stray kind of each line: of every kind found, the one ranked first wins."""

    SPAN_RANK = len(STRAY_KIND_PRIORITY)  # foreign spans come after every other kind

    def __init__(self, n: int) -> None:
        self.kind: list[str | None] = [None] * n
        self.chars = np.zeros(n, dtype=np.int64)
        self.shown: list[str | None] = [None] * n
        self.repaired: list[str | None] = [None] * n
        self.best = np.full(n, self.SPAN_RANK + 1)
        self.rank = {k: i for i, k in enumerate(STRAY_KIND_PRIORITY)}

    def offer(
        self, i: int, kind: str, n_stray: int, shown: str, fixed: str | None = None, *, span=False
    ) -> None:
        rank = self.SPAN_RANK if span else self.rank[kind]
        if rank < self.best[i]:
            self.best[i] = rank
            self.kind[i], self.chars[i], self.shown[i], self.repaired[i] = (
                kind,
                n_stray,
                shown,
                fixed,
            )


_SCRIPT_CODE = {name: code for code, name in enumerate(MAJOR_SCRIPTS, start=1)}


def _line_scripts(texts: list[str], art: int, arts: _ArticleScripts) -> list[Counter[str]]:
    return [char_scripts(texts[j]) for j in arts.members.get(art, [])]


def _offer_foreign(
    offers: _Offers,
    raw: list[str],
    texts: list[str],
    counts: np.ndarray,
    line_script: list[str | None],
    arts: _ArticleScripts,
    *,
    min_foreign_letters: int,
    min_span_letters: int,
    min_span_words: int,
) -> np.ndarray:
    """Rules 2 (whole foreign lines) and 6 (foreign spans); returns each line's letters."""
    n = len(raw)
    # per article: 1..6 a major script, 0 another script, -1 no letters
    art_code = np.array([_SCRIPT_CODE.get(a, 0) if a else -1 for a in arts.names], dtype=np.int64)
    home_code = art_code[arts.codes] if n else np.zeros(0, dtype=np.int64)
    letters = counts[:, 1:].sum(axis=1)
    home_letters = np.where(home_code > 0, counts[np.arange(n), np.clip(home_code, 0, None)], 0)
    foreign_letters = letters - home_letters
    # a line of an article in one of the alphabets with a column of their own (Latin ...
    # Hebrew, not Han, whose writing systems hold other scripts) whose majority is the
    # article's and whose other letters are too few for a span is never foreign
    settled = (
        (home_code >= 1)
        & (home_code < _SCRIPT_CODE["Han"])
        & (counts[:, 1:].argmax(axis=1) + 1 == home_code)
        & (foreign_letters < min_span_letters)
    )
    maybe = np.flatnonzero((home_code != -1) & (foreign_letters >= min_foreign_letters) & ~settled)

    def letters_of(i: int, name: str) -> int:
        code = _SCRIPT_CODE.get(name)
        return int(counts[i, code]) if code else char_scripts(texts[i]).get(name, 0)

    homes: dict[int, frozenset[str]] = {}
    for i in maybe.tolist():
        art = int(arts.codes[i])
        h, s = arts.names[art], line_script[i]
        if h is None:
            continue
        if art not in homes:
            homes[art] = _writing_system(h, functools.partial(_line_scripts, texts, art, arts))
        home = homes[art]
        # the line is foreign when its dominant script is not of the article's writing
        # system and outnumbers all the letters of that system in the line (a tie
        # keeps the line at home: "Канал: @vesti" on a Russian page)
        if len(home) == 1:  # a writing system of one script
            n_home = letters_of(i, h)
        else:
            exact = char_scripts(texts[i])
            n_home = sum(exact.get(name, 0) for name in home)
        if s is not None and s not in home:
            n_s = letters_of(i, s)
            if n_s >= min_foreign_letters and n_s > n_home:
                offers.offer(i, "foreign_script", len(raw[i]), raw[i].strip())
                continue
        if int(letters[i]) - n_home >= min_span_letters:
            spans = _foreign_spans(texts[i], home, min_span_letters, min_span_words)
            if spans:
                shown = " | ".join(raw[i][a:b] for a, b in spans)
                offers.offer(i, "foreign_script", sum(b - a for a, b in spans), shown, span=True)
    return letters


def _offer_patterns(
    offers: _Offers,
    raw: list[str],
    bad_at: np.ndarray,
    control_at: np.ndarray,
    markup_at: np.ndarray,
    mixed_hint: np.ndarray,
) -> None:
    """Rules 1 (mojibake), 3 (control), 4 (markup) and 5 (mixed-script words), each on
    the lines its cheap pre-scan picked."""
    for i in bad_at.tolist():
        fixed = _repair(raw[i])
        if fixed is not None:
            offers.offer(i, "mojibake", len(raw[i]), raw[i].strip(), fixed)
    for i in control_at.tolist():
        found = find_control(raw[i])
        if found:
            shown = " | ".join(_visible(f) for f in found)
            offers.offer(i, "control", sum(map(len, found)), shown)
    for i in markup_at.tolist():
        found = find_markup(raw[i])
        if found:
            offers.offer(i, "markup", sum(map(len, found)), " | ".join(found))
    for i in np.flatnonzero(mixed_hint).tolist():
        found = find_mixed_script_words(raw[i])
        if found:
            offers.offer(i, "mixed_script_word", sum(map(len, found)), " | ".join(found))


def stray_of_lines(
    lines: pd.DataFrame,
    article_script: pd.Series | None = None,
    min_foreign_letters: int = 3,
    min_span_letters: int = 12,
    min_span_words: int = 3,
    raw: list[str] | None = None,
) -> pd.DataFrame:
    """:func:`mark_stray` of a checked lines table; ``raw``: its ``text`` column as a
    list of str, when the caller holds it already."""
    out = lines.copy()
    if raw is None:
        raw = _as_list(out["text"])
    arr = _arrow(raw, out["text"])
    url_at, bad_at, control_at, markup_at = candidates_of(
        arr, (_URL_HINT, _badness_re2(), _CONTROL_HINT, _MARKUP_HINT)
    )
    texts = _strip_urls(raw, arr, url_at)
    counts, mixed_hint = _scan(texts)
    line_script = _names_from_counts(counts, lambda i: texts[i])
    arts = _article_scripts(out["article_id"], counts, texts)
    if article_script is not None:
        override = pd.Series(arts.uniques).map(article_script)
        arts.names = [
            v if isinstance(v, str) else name
            for v, name in zip(override.tolist(), arts.names, strict=True)
        ]
    offers = _Offers(len(out))
    _offer_patterns(offers, raw, bad_at, control_at, markup_at, mixed_hint)
    letters = _offer_foreign(
        offers,
        raw,
        texts,
        counts,
        line_script,
        arts,
        min_foreign_letters=min_foreign_letters,
        min_span_letters=min_span_letters,
        min_span_words=min_span_words,
    )
    index = out.index
    out["script"] = pd.Series(line_script, index=index, dtype=object)
    out["stray_kind"] = pd.Series(offers.kind, index=index, dtype=object)
    out["stray_chars"] = pd.Series(offers.chars, index=index, dtype="int64")
    out["stray_text"] = pd.Series(offers.shown, index=index, dtype=object)
    out["repaired_text"] = pd.Series(offers.repaired, index=index, dtype=object)
    out["n_letters"] = pd.Series(letters, index=index, dtype="int64")
    out["n_latin"] = pd.Series(counts[:, _SCRIPT_CODE["Latin"]], index=index, dtype="int64")
    out["n_cyrillic"] = pd.Series(counts[:, _SCRIPT_CODE["Cyrillic"]], index=index, dtype="int64")
    names = np.asarray(arts.names, dtype=object)
    out["article_script"] = pd.Series(
        names[arts.codes] if len(out) else names[:0], index=index, dtype=object
    )
    return out


def script_profile(data: Any) -> pd.DataFrame:
    """One row per article: how many letters, and which share of them is in which script.

    Letters inside URLs and e-mail addresses are not counted (as in :func:`mark_stray`).

    Parameters
    ----------
    data : Corpus, articles DataFrame or lines DataFrame
        Articles (``article_id, outlet, text``) or the lines table of
        :func:`toolkit.text.split_lines` (recognised by its ``line_no`` column).

    Returns
    -------
    pandas.DataFrame
        One row per article, in first-appearance order, with columns ``article_id``,
        ``outlet``, ``n_letters``, ``latin_chr_fraction``, ``cyrillic_chr_fraction``,
        ``other_script_chr_fraction`` (letters of any other script / ``n_letters``;
        all three are NaN when ``n_letters == 0``) and ``dominant_script``
        (None when there are no letters).

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"],
    ...                      "text": ["News today\\nЧитать далее", "2024"]})
    >>> prof = script_profile(arts)
    >>> prof.to_dict("records")[0]
    {'article_id': 'a', 'outlet': 'X', 'n_letters': 20, 'latin_chr_fraction': 0.45, 'cyrillic_chr_fraction': 0.55, 'other_script_chr_fraction': 0.0, 'dominant_script': 'Cyrillic'}
    >>> prof.to_dict("records")[1]
    {'article_id': 'b', 'outlet': 'Y', 'n_letters': 0, 'latin_chr_fraction': nan, 'cyrillic_chr_fraction': nan, 'other_script_chr_fraction': nan, 'dominant_script': None}
    """
    if isinstance(data, pd.DataFrame) and "line_no" in data.columns:
        frame = data
    else:
        frame = as_articles(data)
    ids = frame["article_id"].to_numpy()
    outlets = frame["outlet"].to_numpy() if "outlet" in frame.columns else np.full(len(ids), None)
    texts = _strip_urls(_as_list(frame["text"]))
    counts, _ = _scan(texts)
    arts = _article_scripts(ids, counts, texts)
    codes, uniques, art_counts, names = arts.codes, arts.uniques, arts.counts, arts.names
    first = pd.Series(np.arange(len(codes))).groupby(codes).min().reindex(range(len(uniques)))
    n_letters = art_counts[:, 1:].sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        denom = np.where(n_letters > 0, n_letters, np.nan)
        latin = art_counts[:, 1] / denom
        cyrillic = art_counts[:, 2] / denom
        other = (n_letters - art_counts[:, 1] - art_counts[:, 2]) / denom
    return pd.DataFrame(
        {
            "article_id": uniques,
            "outlet": outlets[first.to_numpy()] if len(uniques) else outlets[:0],
            "n_letters": n_letters.astype("int64"),
            "latin_chr_fraction": latin,
            "cyrillic_chr_fraction": cyrillic,
            "other_script_chr_fraction": other,
            "dominant_script": pd.Series(names, dtype=object),
        }
    )
