"""Tests of toolkit.io.language on short, noisy, hand-written texts."""

from __future__ import annotations

import functools
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.io.language import LANGUAGE_COLUMNS, detect_language, known_languages

# Our own sentences: news snippets and site chrome, 6 per language.
SENTENCES = {
    "en": [
        "The council voted late on Tuesday to close the old bridge for repairs.",
        "Shares fell 3% after the bank warned about weaker profits this year",
        "Click here to read more | Sign in | Subscribe to our newsletter",
        "Fans waited outside the stadium for hours, singing in the rain.",
        "Police said two men were arrested near the harbour on Sunday night.",
        "The new school opens in September with room for 400 pupils",
    ],
    "de": [
        "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke zu sperren.",
        "Die Aktien fielen um 3 Prozent, nachdem die Bank vor Gewinnen warnte",
        "Hier klicken, um mehr zu lesen | Anmelden | Newsletter abonnieren",
        "Die Fans warteten stundenlang vor dem Stadion und sangen im Regen.",
        "Die Polizei nahm am Sonntagabend zwei Männer am Hafen fest.",
        "Die neue Schule öffnet im September mit Platz für 400 Schüler",
    ],
    "fr": [
        "Le conseil municipal a voté mardi soir la fermeture du vieux pont.",
        "Les actions ont chuté de 3 % après l'avertissement de la banque",
        "Cliquez ici pour lire la suite | Se connecter | S'abonner",
        "Les supporters ont attendu des heures devant le stade sous la pluie.",
        "La police a arrêté deux hommes près du port dimanche soir.",
        "La nouvelle école ouvrira en septembre avec 400 places",
    ],
    "es": [
        "El ayuntamiento votó el martes por la noche cerrar el viejo puente.",
        "Las acciones cayeron un 3 % después de que el banco advirtiera",
        "Haga clic aquí para leer más | Iniciar sesión | Suscríbase",
        "Los aficionados esperaron horas frente al estadio bajo la lluvia.",
        "La policía detuvo a dos hombres cerca del puerto el domingo.",
        "La nueva escuela abrirá en septiembre con plazas para 400 alumnos",
    ],
    "ru": [
        "Городской совет во вторник проголосовал за закрытие старого моста.",
        "Акции упали на 3% после того, как банк предупредил о снижении прибыли",
        "Читайте также | Войти | Подписаться на рассылку новостей",
        "Болельщики несколько часов ждали у стадиона под дождём.",
        "Полиция задержала двух мужчин возле порта в воскресенье вечером.",
        "Новая школа откроется в сентябре и примет 400 учеников",
    ],
    "uk": [
        "Міська рада у вівторок проголосувала за закриття старого мосту.",
        "Акції впали на 3% після того, як банк попередив про зниження прибутку",
        "Читайте також | Увійти | Підписатися на розсилку новин",
        "Уболівальники кілька годин чекали біля стадіону під дощем.",
        "Поліція затримала двох чоловіків біля порту в неділю ввечері.",
        "Нова школа відкриється у вересні й прийме 400 учнів",
    ],
    "bg": [
        "Общинският съвет гласува във вторник затварянето на стария мост.",
        "Акциите паднаха с 3% след като банката предупреди за по-ниски печалби",
        "Прочетете още | Вход | Абонирайте се за бюлетина",
        "Феновете чакаха с часове пред стадиона под дъжда.",
        "Полицията задържа двама мъже край пристанището в неделя вечерта.",
        "Новото училище отваря врати през септември с места за 400 ученици",
    ],
}
CASES = [(lang, text) for lang, texts in SENTENCES.items() for text in texts]


@pytest.mark.parametrize(("lang", "text"), CASES)
def test_short_sentences(lang: str, text: str) -> None:
    row = detect_language([text]).iloc[0]
    assert row["language"] == lang
    assert 0.0 <= row["language_confidence"] <= 1.0


def test_english_is_not_german_and_back() -> None:
    found = detect_language(["The house is old and the garden is big.", "Das Haus ist alt."])
    assert found["language"].tolist() == ["en", "de"]


def test_page_with_foreign_chrome() -> None:
    page = "\n".join(
        [
            "Home | News | Sport | Sign in",
            "Докеры порта объявили бессрочную забастовку",
            "Около 3400 докеров крупнейшего порта в понедельник прекратили работу после "
            "срыва переговоров о зарплатах и автоматизации, сообщил профсоюз.",
            "Профсоюз требует повышения зарплат на 9% и гарантий сохранения рабочих мест.",
            "Cookie settings | Privacy",
        ]
    )
    row = detect_language([page]).iloc[0]
    assert row["language"] == "ru"
    assert row["language_confidence"] > 0.9


@pytest.mark.parametrize("text", ["", "   \n", "12:45 | 4,517.95 -0.95%", "OK", "---", None])
def test_undecidable(text: str | None) -> None:
    row = detect_language([text]).iloc[0]
    assert row["language"] is None
    assert math.isnan(row["language_confidence"])


def test_frame_shape_and_index() -> None:
    texts = pd.Series(["Der Hund schläft im Garten.", None], index=[10, 20])
    found = detect_language(texts)
    assert tuple(found.columns) == LANGUAGE_COLUMNS
    assert list(found.index) == [10, 20]
    assert found["language_confidence"].dtype == "float64"
    assert len(detect_language([])) == 0


def test_deterministic() -> None:
    texts = [text for _, text in CASES]
    first = detect_language(texts)
    pd.testing.assert_frame_equal(first, detect_language(texts))


def test_languages_restricts_the_choice() -> None:
    text = "Читайте також | Увійти"
    assert detect_language([text], languages=["ru", "en"])["language"].iloc[0] == "ru"
    with pytest.raises(ValueError, match="unknown language codes"):
        detect_language([text], languages=["xx"])


def test_max_chars() -> None:
    text = "The council voted to close the bridge. " * 3 + "Der Stadtrat hat beschlossen. " * 50
    assert detect_language([text], max_chars=100)["language"].iloc[0] == "en"
    assert detect_language([text], max_chars=None)["language"].iloc[0] == "de"
    with pytest.raises(ValueError, match="max_chars"):
        detect_language([text], max_chars=0)


def test_known_languages_are_iso_639_1() -> None:
    codes = known_languages()
    assert len(codes) > 80
    assert all(len(code) == 2 and code.islower() for code in codes)


def test_nothing_downloaded_and_no_network_import() -> None:
    """The model comes from the installed wheel: loading works with sockets disabled."""
    code = (
        "import socket\n"
        "def no(*a, **k): raise OSError('network used')\n"
        "socket.socket = no; socket.create_connection = no\n"
        "from toolkit.io.language import detect_language\n"
        "print(detect_language(['Der Hund schläft im Garten.'])['language'].iloc[0])\n"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout.strip() == "de"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=200)), max_size=5))
def test_never_raises(texts: list[str | None]) -> None:
    found = detect_language(texts)
    assert len(found) == len(texts)
    for code, conf in zip(found["language"], found["language_confidence"], strict=True):
        if code is None:
            assert math.isnan(conf)
        else:
            assert code in set(known_languages())
            assert 0.0 <= conf <= 1.0


@functools.cache
def _reference_model() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    model.set_languages(known_languages())
    return model


def _one_by_one(texts: list[str]) -> list[tuple[str, float]]:
    """py3langid's own classify, text by text: the reference for the batched pass."""
    return [_reference_model().classify(text) for text in texts]


def test_batched_pass_equals_the_model_text_by_text() -> None:
    texts = [s for group in SENTENCES.values() for s in group]
    texts += [
        "BREAKING NEWS FROM THE HARBOUR TONIGHT",  # all capitals: lowered, as the model does
        "Ça va très bien, merci, et vous ?",
        "Погода сегодня хорошая, но к вечеру обещают дождь",
        " ".join(texts[:12]),  # long, several languages
        "ab\u0301c de\u0301f ghi",  # combining marks: NFC first
        "x" * 3 + " 12345 " * 50,
    ]
    found = detect_language(texts, max_chars=None)
    expected = _one_by_one(texts)
    assert found["language"].tolist() == [code for code, _ in expected]
    for got, (_, prob) in zip(found["language_confidence"], expected, strict=True):
        assert got == pytest.approx(min(max(prob, 0.0), 1.0), abs=1e-5)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(min_size=3, max_size=60), min_size=1, max_size=6))
def test_batched_pass_equals_the_model_on_any_text(texts: list[str]) -> None:
    found = detect_language(texts, max_chars=None, min_letters=1)
    decided = found["language"].notna()
    expected = _one_by_one([t for t, keep in zip(texts, decided, strict=True) if keep])
    got = found.loc[decided]
    for code, prob, (want, want_prob) in zip(
        got["language"], got["language_confidence"], expected, strict=True
    ):
        assert prob == pytest.approx(min(max(want_prob, 0.0), 1.0), abs=1e-4)
        assert code == want or prob == pytest.approx(want_prob, abs=1e-4)
