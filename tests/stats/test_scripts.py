"""Tests of toolkit.stats.scripts: golden cases, each function on "", clean and dirty text."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.stats import scripts as S
from toolkit.text import split_lines

CASES_PATH = Path(__file__).resolve().parent.parent / "data" / "stray_cases.json"
CASES: list[dict[str, Any]] = json.loads(CASES_PATH.read_text(encoding="utf-8"))
#: Issue 17: cases written outside the detector's own examples (see its "about").
UNSEEN_PATH = CASES_PATH.with_name("stray_cases_unseen.json")
UNSEEN: dict[str, Any] = json.loads(UNSEEN_PATH.read_text(encoding="utf-8"))

CONTEXT = {
    "Latin": [
        "Officials met in the capital on Tuesday to discuss the new budget.",
        "The ministry said the plan would be published next week.",
        "Analysts expect the vote to pass by a wide margin.",
    ],
    "Cyrillic": [
        "Чиновники встретились в столице во вторник, чтобы обсудить бюджет.",
        "В министерстве сообщили, что план опубликуют на следующей неделе.",
        "Аналитики ожидают, что голосование пройдёт успешно.",
    ],
}


def _case_id(case: dict[str, Any]) -> str:
    return f"{case['kind']}:{case['text'][:30]!r}"


def _params() -> list[Any]:
    out = []
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True)] if case.get("known_failure") else []
        out.append(pytest.param(case, id=_case_id(case), marks=marks))
    return out


def _label_in_context(text: str, context_script: str) -> pd.Series:
    return _label_after(text, CONTEXT[context_script])


def _label_after(text: str, context: list[str]) -> pd.Series:
    """The ``mark_stray`` row of ``text`` as the last line of an article after ``context``."""
    body = "\n".join([*context, text])
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [body]})
    return S.mark_stray(split_lines(arts)).iloc[-1]


# --------------------------------------------------------------------------- golden cases


def test_golden_file_has_enough_cases() -> None:
    plain = [c for c in CASES if not c.get("known_failure")]
    assert sum(c["kind"] is not None for c in plain) >= 25
    assert sum(c["kind"] is None for c in plain) >= 25
    assert {c["kind"] for c in plain} >= set(S.STRAY_KINDS) | {None}
    assert {c["context_script"] for c in CASES} == {"Latin", "Cyrillic"}


@pytest.mark.parametrize("case", _params())
def test_golden_case(case: dict[str, Any]) -> None:
    row = _label_in_context(case["text"], case["context_script"])
    assert row["text"] == case["text"]
    assert row["stray_kind"] == case["kind"], case["note"]
    if case["kind"] is None:
        assert row["stray_chars"] == 0 and row["stray_text"] is None
    else:
        assert 0 < row["stray_chars"] <= row["n_chars"]
        assert row["stray_text"]
    assert (row["repaired_text"] is not None) == (case["kind"] == "mojibake")


# --------------------------------------------------------------------------- unseen cases (issue 17)


def _unseen_params() -> list[Any]:
    out = []
    for case in UNSEEN["cases"]:
        marks = [pytest.mark.xfail(strict=True)] if case.get("known_failure") else []
        case_id = f"{case['group']}:{case['context']}:{case['text'][:30]!r}"
        out.append(pytest.param(case, id=case_id, marks=marks))
    return out


def test_unseen_file_has_the_cases_of_the_issue() -> None:
    cases = UNSEEN["cases"]
    by_text = {c["text"]: c for c in cases}
    words = ["αbout", "usuallγ", "ϲlosed", "theiᴦ", "Ϻercury", "σffice"]
    for word in words:
        assert any(word in c["text"] and c["kind"] == "mixed_script_word" for c in cases), word
    assert by_text["苹果公司发布了新款iPhone手机"]["kind"] is None
    plain = [c for c in cases if not c.get("known_failure")]
    leave_alone = [c for c in plain if c["group"] == "leave_alone"]
    assert len(leave_alone) >= 40
    assert sum(c["kind"] is None for c in plain) >= 80
    assert sum(c["kind"] is not None for c in plain) >= 40
    assert set(UNSEEN["contexts"]) >= {"en", "ru", "ja", "zh", "ko", "ar", "el"}
    assert {c["context"] for c in plain} == set(UNSEEN["contexts"])


@pytest.mark.parametrize("case", _unseen_params())
def test_unseen_case(case: dict[str, Any]) -> None:
    row = _label_after(case["text"], UNSEEN["contexts"][case["context"]])
    assert row["text"] == case["text"]
    assert row["stray_kind"] == case["kind"], case["note"]
    if case["kind"] is None:
        assert row["stray_chars"] == 0 and row["stray_text"] is None
    else:
        assert 0 < row["stray_chars"] <= row["n_chars"]
    assert (row["repaired_text"] is not None) == (case["kind"] == "mojibake")
    if case["kind"] == "mojibake":
        assert row["repaired_text"] != case["text"]


@pytest.mark.parametrize(
    "text", [c["text"] for c in UNSEEN["cases"] if c["group"] == "leave_alone"]
)
def test_strings_that_ftfy_leaves_alone_are_not_mojibake(text: str) -> None:
    assert S.fix_mojibake(text) == text
    assert not S.is_mojibake(text)


def test_greek_lookalikes_come_from_the_confusables_table() -> None:
    table = S._greek_lookalikes()
    assert set("αγσϲϺᴦ") <= table  # missing from the hand list it replaced
    assert set("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοινρκυ") <= table  # the hand list itself
    assert not set("μπλτδφΔΩ") & table  # no Latin prototype (or a phonetic/IPA one)
    assert all(S._script_of(ch) == "Greek" for ch in table)


def test_greek_lookalikes_table_is_what_its_generator_makes() -> None:
    pytest.importorskip("confusable_homoglyphs")
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "make_greek_lookalikes.py"
    spec = importlib.util.spec_from_file_location("make_greek_lookalikes", path)
    assert spec is not None and spec.loader is not None
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    assert make.main(["--check"]) == 0


# --------------------------------------------------------------------------- char_scripts


def test_char_scripts_empty_clean_dirty() -> None:
    assert S.char_scripts("") == {}
    assert S.char_scripts("Lavrov said") == {"Latin": 10}
    dirty = "Sub\u200bscribe Подписаться <br> 12"
    assert S.char_scripts(dirty) == {"Latin": 11, "Cyrillic": 11}


def test_char_scripts_agrees_with_regex_script_property() -> None:
    text = "Ελλάδα Москва Tōkyō 東京 ひらがな カタカナ עברית العربية हिन्दी ª ʹ µ"
    counts = S.char_scripts(text)
    for name, n in counts.items():
        assert n == len(regex.findall(rf"[\p{{Script={name}}}&&\p{{L}}]", text, flags=regex.V1))
    assert counts["Hebrew"] == 5 and counts["Arabic"] == 7
    assert "Common" not in counts and sum(counts.values()) == len(
        regex.findall(r"[\p{L}--\p{Script=Common}]", text, flags=regex.V1)
    )


def test_every_script_name_is_known_to_regex_and_covers_all_letters() -> None:
    every = "".join(map(chr, range(0x30000)))
    letters = regex.findall(
        r"[\p{L}--\p{Script=Common}--\p{Script=Inherited}]", every, flags=regex.V1
    )
    sample = letters[::97]
    assert all(S._script_of(ch) is not None for ch in sample)


# --------------------------------------------------------------------------- script_counts


def test_script_counts_empty_and_matches_char_scripts() -> None:
    empty = S.script_counts(pd.Series([], dtype=object))
    assert list(empty.columns) == list(S.SCRIPT_COUNT_COLUMNS) and len(empty) == 0
    texts = pd.Series(
        ["", "Clean English text.", "Грязный текст\u200b <br> Ã©", "Ελλάδα, 東京, ひらがな", None],
        index=[10, 11, 12, 13, 14],
    )
    got = S.script_counts(texts)
    assert list(got.index) == [10, 11, 12, 13, 14]
    for pos, text in enumerate(texts.tolist()):
        exact = S.char_scripts(text if isinstance(text, str) else "")
        row = got.iloc[pos]
        assert row["n_letters"] == sum(exact.values())
        for name in S.MAJOR_SCRIPTS:
            assert row[f"n_{name.lower()}"] == exact.get(name, 0)
        majors = sum(exact.get(n, 0) for n in S.MAJOR_SCRIPTS)
        assert row["n_other_script"] == sum(exact.values()) - majors


def test_script_counts_chunks_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["Hello мир", "", "Ελλάδα 東京", "abc" * 5, "щ"] * 7
    whole = S.script_counts(texts)
    monkeypatch.setattr(S, "RUN_CHARS", 10)
    assert S.script_counts(texts).equals(whole)


# --------------------------------------------------------------------------- dominant_script


def test_dominant_script() -> None:
    assert S.dominant_script("") is None
    assert S.dominant_script("Lavrov said on Tuesday") == "Latin"
    assert S.dominant_script("Read more: Подписаться на рассылку") == "Cyrillic"
    assert S.dominant_script({"Cyrillic": 2, "Latin": 2}) == "Latin"
    assert S.dominant_script({"Latin": 0}) is None


# --------------------------------------------------------------------------- finders


def test_find_mixed_script_words() -> None:
    assert S.find_mixed_script_words("") == []
    assert S.find_mixed_script_words("Clean English and чистый русский") == []
    assert S.find_mixed_script_words("Call the \u041cinistry") == ["\u041cinistry"]
    assert S.find_mixed_script_words("о\u0301чень Мo\u0301scow") == ["Мo\u0301scow"]
    # Greek look-alikes at a word edge (Unicode's confusables), but not notation
    assert S.find_mixed_script_words("αbout usuallγ ϲlosed theiᴦ Ϻercury") == [
        "αbout",
        "usuallγ",
        "ϲlosed",
        "theiᴦ",
        "Ϻercury",
    ]
    assert S.find_mixed_script_words("TNFα IFNγ NF-κB αKlotho Hα PI3Kγ TGFβ") == []
    assert S.find_mixed_script_words("ΝATO NATΟ Gruβ") == ["ΝATO", "NATΟ", "Gruβ"]
    # a run of letters is cut where a script written without spaces meets another
    assert S.find_mixed_script_words("苹果公司发布了新款iPhone手机, 새 iPhone을, ซื้อiPhone") == []
    assert S.find_mixed_script_words("请登录您的раypal账户") == ["раypal"]


def test_is_mojibake_and_fix() -> None:
    assert not S.is_mojibake("")
    assert not S.is_mojibake("Clean text, чистый текст, Ελληνικά")
    assert S.is_mojibake("CafÃ© society")
    # ftfy's detector fires on these, but its repair leaves them as they are
    for text in ["ПоздравЂаво", "Kowalski/Nowak – SkÃ¥ne", "row \x81 kept"]:
        assert S.ftfy.badness.is_bad(text) and S.fix_mojibake(text) == text
        assert not S.is_mojibake(text)
    assert S.fix_mojibake("") == ""
    assert S.fix_mojibake("Clean “text”") == "Clean “text”"
    assert S.fix_mojibake("CafÃ© society") == "Café society"


def test_find_markup() -> None:
    assert S.find_markup("") == []
    assert S.find_markup("Prices rose 5% <i.e. a lot> in Q1") == []
    assert S.find_markup("x <!-- tracking --> y &#x2019; <img src='a.jpg'>") == [
        "<!-- tracking -->",
        "&#x2019;",
        "<img src='a.jpg'>",
    ]


def test_find_control() -> None:
    assert S.find_control("") == []
    assert S.find_control("Clean line with a soft\u00adhyphen") == []
    assert S.find_control("a\r\x0cb\u200e") == ["\r\x0c", "\u200e"]
    assert S.find_control("مرحبا\u200f بالعالم") == []


def test_badness_prefilter_is_superset() -> None:
    samples = [c["text"] for c in CASES] + [
        "Ã¼ber",
        "×²",
        "a Â © b",
        "â€™",
        "√±",
        "ГўВЂВ” x",
        "β€™",
        "ā€",
        "ΒΓΞ",
        "\u0085",
    ]
    arr = S.pa.array(samples)
    hit = set(S._candidates(arr, S._badness_re2()).tolist())
    for i, text in enumerate(samples):
        if S.ftfy.badness.is_bad(text):
            assert i in hit, text


# --------------------------------------------------------------------------- mark_stray


def test_mark_stray_empty_clean_dirty() -> None:
    empty = S.mark_stray(split_lines(pd.DataFrame(columns=["article_id", "outlet", "text"])))
    assert empty.empty and set(S.STRAY_COLUMNS) <= set(empty.columns)
    arts = pd.DataFrame(
        {
            "article_id": ["clean", "dirty"],
            "outlet": ["X", "X"],
            "text": ["\n".join(CONTEXT["Latin"]), "\n".join([*CONTEXT["Cyrillic"], "Read more"])],
        }
    )
    lines = split_lines(arts)
    before = lines.copy()
    out = S.mark_stray(lines)
    pd.testing.assert_frame_equal(lines, before)  # input untouched
    assert out["stray_kind"].tolist() == [None] * 6 + ["foreign_script"]
    assert out["script"].tolist() == ["Latin"] * 3 + ["Cyrillic"] * 3 + ["Latin"]
    assert out["stray_chars"].tolist() == [0] * 6 + [9]
    assert out["stray_chars"].dtype == "int64"


def test_mark_stray_priority_and_override() -> None:
    text = "\n".join([*CONTEXT["Latin"], "Sub\u200bscribe<br>", "Подписаться\u200b на рассылку"])
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [text]})
    out = S.mark_stray(split_lines(arts))
    assert out["stray_kind"].tolist()[-2:] == ["control", "foreign_script"]
    assert out["stray_text"].tolist()[-2] == "U+200B"
    forced = S.mark_stray(split_lines(arts), article_script=pd.Series({"a": "Cyrillic"}))
    assert forced["stray_kind"].tolist()[:3] == ["foreign_script"] * 3
    assert forced["stray_kind"].tolist()[-1] == "control"


def test_mark_stray_span_text_and_length() -> None:
    row = _label_in_context(
        "Officials met in Vienna on Friday to discuss trade. Читайте также наши новости", "Latin"
    )
    assert row["stray_text"] == "Читайте также наши новости"
    assert row["stray_chars"] == len("Читайте также наши новости")


# --------------------------------------------------------------------------- properties

unicode_text = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(list("\x00\u200b\u200d\u202e\u0301Ãâ€Ð<>&;#Мaαש東")),
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(unicode_text, max_size=6))
def test_mark_stray_never_fails_and_counts_are_bounded(texts: list[str]) -> None:
    lines = pd.DataFrame(
        {
            "article_id": [f"a{i % 2}" for i in range(len(texts))],
            "outlet": "X",
            "line_no": range(1, len(texts) + 1),
            "text": pd.Series(texts, dtype=object),  # pyarrow strings refuse lone surrogates
        }
    )
    lines["n_chars"] = lines["text"].str.len() if len(texts) else pd.Series(dtype="int64")
    out = S.mark_stray(lines)
    assert len(out) == len(texts)
    for _, row in out.iterrows():
        assert 0 <= row["stray_chars"] <= len(row["text"])
        assert (row["stray_kind"] is None) == (row["stray_chars"] == 0) or (
            row["stray_kind"] is not None and row["stray_text"]
        )
        assert row["stray_kind"] in (None, *S.STRAY_KINDS)


@settings(max_examples=60, deadline=None)
@given(st.lists(unicode_text, max_size=5))
def test_script_profile_fractions_bounded(texts: list[str]) -> None:
    arts = pd.DataFrame(
        {
            "article_id": [str(i) for i in range(len(texts))],
            "outlet": "X",
            "text": pd.Series(texts, dtype=object),
        }
    )
    prof = S.script_profile(arts)
    assert len(prof) == len(texts)
    cols = ["latin_chr_fraction", "cyrillic_chr_fraction", "other_script_chr_fraction"]
    for _, row in prof.iterrows():
        values = [row[c] for c in cols]
        if row["n_letters"] == 0:
            assert all(math.isnan(v) for v in values) and row["dominant_script"] is None
        else:
            assert all(0.0 <= v <= 1.0 for v in values)
            assert math.isclose(sum(values), 1.0)


@settings(max_examples=100, deadline=None)
@given(unicode_text)
def test_single_string_functions_never_fail(text: str) -> None:
    counts = S.char_scripts(text)
    assert sum(counts.values()) <= len(text)
    assert S.dominant_script(text) in (None, *counts)
    for word in S.find_mixed_script_words(text):
        assert word in text
    for span in S.find_markup(text) + S.find_control(text):
        assert span in text
    assert isinstance(S.is_mojibake(text), bool)
    assert isinstance(S.fix_mojibake(text), str)
    row = S.script_counts([text]).iloc[0]
    assert row["n_letters"] == sum(counts.values())


# --------------------------------------------------------------------------- script_profile


def test_script_profile_from_lines_matches_articles() -> None:
    arts = pd.DataFrame(
        {
            "article_id": ["en", "ru", "none"],
            "outlet": ["X", "Y", "Y"],
            "text": ["\n".join(CONTEXT["Latin"]), "\n".join(CONTEXT["Cyrillic"]), "123"],
        }
    )
    a = S.script_profile(arts)
    b = S.script_profile(split_lines(arts))
    assert a["dominant_script"].tolist() == ["Latin", "Cyrillic", None]
    assert a.loc[0, "latin_chr_fraction"] == 1.0 and a.loc[1, "cyrillic_chr_fraction"] == 1.0
    pd.testing.assert_frame_equal(a, b)
    assert a["latin_chr_fraction"].isna().tolist() == [False, False, True]
    empty = S.script_profile(pd.DataFrame(columns=["article_id", "outlet", "text"]))
    assert empty.empty


@settings(max_examples=150, deadline=None)
@given(
    st.text(max_size=20),  # the default alphabet has no lone surrogates
    st.sampled_from(["cp1252", "latin-1", "cp1251", "mac_roman", "cp1253", "cp1257"]),
)
def test_badness_prefilter_catches_generated_mojibake(text: str, codec: str) -> None:
    """The RE2 prefilter of mark_stray never hides a line that ftfy's detector flags."""
    broken = text.encode("utf-8").decode(codec, errors="replace")
    for sample in (broken, f"The {broken} said", f"a {text} {broken}"):
        if S.ftfy.badness.is_bad(sample):
            assert S._candidates(S._arrow([sample]), S._badness_re2()).tolist() == [0]


_line_text = st.lists(
    st.one_of(
        unicode_text,
        st.sampled_from(
            ["see https://пример.рф/путь now", "mail x.y@corp.com", "Αθήνα σήμερα", "東京 news", ""]
        ),
    ),
    max_size=6,
).map("\n".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_line_text, max_size=4))
def test_line_letter_counts_add_up_to_the_article_profile(texts: list[str]) -> None:
    """mark_stray keeps each line's letters; summed per article they give script_profile."""
    texts = [t.encode("utf-8", "replace").decode("utf-8") for t in texts]  # Arrow-safe
    arts = pd.DataFrame(
        {"article_id": [f"a{i}" for i in range(len(texts))], "outlet": "X", "text": texts}
    )
    lines = S.mark_stray(split_lines(arts))
    prof = S.script_profile(arts).set_index("article_id")
    sums = lines.groupby("article_id")[["n_letters", "n_latin", "n_cyrillic"]].sum()
    sums = sums.reindex(prof.index, fill_value=0)
    assert sums["n_letters"].tolist() == prof["n_letters"].tolist()
    with_letters = prof["n_letters"] > 0
    latin = sums["n_latin"][with_letters] / prof["n_letters"][with_letters]
    assert latin.tolist() == prof["latin_chr_fraction"][with_letters].tolist()
    first = lines.drop_duplicates("article_id").set_index("article_id")["article_script"]
    assert first.tolist() == prof.loc[first.index, "dominant_script"].tolist()
    assert (lines["n_letters"] >= lines["n_latin"] + lines["n_cyrillic"]).all()
