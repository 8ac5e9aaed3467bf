"""Build the bundled demo corpus: fictional news pages with gold labels for every line.

Everything in the corpus is fictional and was written for this project; this script
assembles it deterministically from the hand-written stories in ``stories_*.py`` and the
site-chrome templates below (seeded RNG, standard library plus ``ftfy`` and the toolkit's
own ``normalize_text`` for the self-check).

Run from the repository root::

    .venv/bin/python corpus/_build/make_corpus.py

It rewrites ``corpus/articles/``, ``corpus/manifest.csv``, ``corpus/labels.jsonl``,
``corpus/labels_reuse_pairs.csv`` and ``corpus/README.md`` (from ``README.template.md``), then
runs a self-check and prints a summary (label counts, a quick keyness table per outlet).
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import itertools
import json
import math
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.dont_write_bytecode = True  # keep corpus/_build free of __pycache__
HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent
ROOT = CORPUS.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import ftfy  # noqa: E402
import stories_clarion  # noqa: E402
import stories_gazette  # noqa: E402
import stories_ledger  # noqa: E402
import stories_meridian  # noqa: E402
import stories_vestnik  # noqa: E402
import stories_wire  # noqa: E402

from toolkit.text import normalize_for_matching, normalize_text  # noqa: E402

SEED = 20240304
YEAR = 2024

# --------------------------------------------------------------------------------------
# Outlets
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outlet:
    code: str
    name: str
    domain: str
    lang: str
    utc_offset: str  # "fixed+3" or "aldmark" (UTC in winter, UTC+1 from 31 March)
    crlf: bool = False


OUTLETS: dict[str, Outlet] = {
    "nw": Outlet("nw", "Northbridge Wire", "northbridgewire.example", "en", "fixed+0"),
    "ld": Outlet("ld", "The Ledger Daily", "ledgerdaily.example", "en", "aldmark"),
    "md": Outlet("md", "Meridian Dispatch", "meridiandispatch.example", "en", "fixed+3"),
    "vg": Outlet("vg", "Ossel Valley Gazette", "osselvalleygazette.example", "en", "aldmark"),
    "vs": Outlet("vs", "Вестник Севера", "vestnik-severa.example", "ru", "fixed+3"),
    "dc": Outlet("dc", "The Daily Clarion", "dailyclarion.example", "en", "aldmark", crlf=True),
}

EVENTS: dict[str, str] = {
    "port_strike": "Dock strike at Port Halden (4-19 March)",
    "flood": "River Ossel flood in Greyford and the valley (11-16 March)",
    "transfer": "Halden Rovers transfer scandal (7 March - 16 April)",
    "recount": "Westfold by-election and recount (14-27 March)",
    "pipeline": "Tessal gas pipeline dispute with Varsk (18 March - 6 April)",
    "rates": "Bank of Aldmark rate cut (28 March - 4 April)",
    "hospital_cyber": "Ransomware attack on St Brennan's Hospital, Carrow (2-6 April)",
    "summit": "Northern Rim foreign ministers' summit at Sorrel Bay (9-10 April)",
    "vaccine": "RSV and spring booster vaccine rollout (8-20 April)",
    "wildfire": "Kessing Hills wildfire and Amberly evacuation (14-19 April)",
}

SUMMER_TIME = datetime(2024, 3, 31, 1, 0, tzinfo=UTC)


def local_tz(outlet: Outlet, when: datetime) -> timezone:
    """Return the outlet's UTC offset at ``when`` (UTC)."""
    if outlet.utc_offset == "aldmark":
        return timezone(timedelta(hours=1 if when >= SUMMER_TIME else 0))
    return timezone(timedelta(hours=int(outlet.utc_offset.removeprefix("fixed"))))


# --------------------------------------------------------------------------------------
# Stories
# --------------------------------------------------------------------------------------


@dataclass
class Para:
    text: str
    flags: frozenset[str] = frozenset()
    rep: int | None = None  # index of the earlier body paragraph this one repeats
    dup: bool = False  # verbatim repeat


@dataclass
class Story:
    outlet: str
    key: str
    event: str
    when: datetime
    headline: str
    paras: list[Para]
    extra: dict[str, Any]
    copy_of: str | None = None
    copy_kind: str | None = None
    article_id: str = ""
    lines: list[Line | None] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.key.split("-", 1)[1]

    def get(self, name: str, default: Any = None) -> Any:
        return self.extra.get(name, default)


_TAG = re.compile(r"^\{(\w+)(?::(\d+))?\}\s*")


def parse_body(body: str) -> list[Para]:
    """Split a hand-written body into paragraphs and read their ``{tag}`` prefixes.

    Tags: ``{dup:N}`` verbatim repeat of paragraph N, ``{rep:N}`` near repeat of N (text
    given), ``{moji}`` emit as mojibake, ``{mix}`` contains a mixed-script word, ``{zw}``
    contains a zero-width character, ``{markup}`` contains leftover HTML.
    """
    paras: list[Para] = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        text = " ".join(chunk.split("\n")).strip()
        flags: set[str] = set()
        rep: int | None = None
        dup = False
        while m := _TAG.match(text):
            tag, num = m.group(1), m.group(2)
            text = text[m.end() :]
            if tag in {"dup", "rep"}:
                rep = int(num)
                dup = tag == "dup"
            else:
                flags.add(tag)
        if dup:
            text = paras[rep].text  # type: ignore[index]
        paras.append(Para(text, frozenset(flags), rep, dup))
    return paras


def load_stories() -> list[Story]:
    modules = {
        "nw": stories_wire,
        "ld": stories_ledger,
        "md": stories_meridian,
        "vg": stories_gazette,
        "vs": stories_vestnik,
        "dc": stories_clarion,
    }
    raw: list[tuple[str, dict[str, Any]]] = [
        (code, d) for code, mod in modules.items() for d in mod.STORIES
    ]
    by_key: dict[str, Story] = {}
    stories: list[Story] = []
    pending: list[tuple[str, dict[str, Any]]] = []
    for code, d in raw:
        if "copy_of" in d:
            pending.append((code, d))
            continue
        extra = {
            k: v for k, v in d.items() if k not in {"key", "event", "when", "headline", "body"}
        }
        st = Story(
            outlet=code,
            key=d["key"],
            event=d["event"],
            when=datetime.fromisoformat(d["when"]).replace(tzinfo=UTC),
            headline=d["headline"],
            paras=parse_body(d.get("body", "")),
            extra=extra,
        )
        if st.key in by_key:
            raise ValueError(f"duplicate story key {st.key}")
        by_key[st.key] = st
        stories.append(st)
    for code, d in pending:
        src = by_key[d["copy_of"]]
        paras = [Para(p.text, p.flags, p.rep, p.dup) for p in src.paras]
        if d.get("trim"):
            paras = paras[: -int(d["trim"])]
        for idx, text in sorted(d.get("insert", []), reverse=True):
            paras.insert(idx if idx >= 0 else len(paras) + 1 + idx, parse_body(text)[0])
        extra = {
            k: v
            for k, v in d.items()
            if k not in {"key", "copy_of", "kind", "delay_h", "headline", "trim", "insert"}
        }
        st = Story(
            outlet=code,
            key=d["key"],
            event=src.event,
            when=src.when + timedelta(hours=float(d["delay_h"])),
            headline=d.get("headline", src.headline),
            paras=paras,
            extra=extra,
            copy_of=src.key,
            copy_kind=d["kind"],
        )
        by_key[st.key] = st
        stories.append(st)
    stories.sort(key=lambda s: (s.when, s.key))
    for n, st in enumerate(stories):
        digest = hashlib.sha1(f"{OUTLETS[st.outlet].name}|{st.slug}".encode()).hexdigest()
        st.article_id = f"{n:03d}_{digest[:16]}"
    return stories


# --------------------------------------------------------------------------------------
# Lines
# --------------------------------------------------------------------------------------


@dataclass(eq=False)
class Line:
    text: str
    kind: str
    label: str
    stray: str | None = None
    source: Line | None = None  # explicit (near) repeat target
    clean: str | None = None  # the intended text of a mojibake line


def chrome(text: str, kind: str, stray: str | None = None) -> Line:
    return Line(text, kind, "boilerplate", stray)


def mojibake(text: str) -> str:
    """Return ``text`` encoded as UTF-8 and decoded as (sloppy) Windows-1252."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


_NBSP_AFTER = re.compile(
    r"\b(in|on|at|of|to|with|for|from|by|as|after|before|between|during|into|near|over) "
)


def body_lines(st: Story, *, nbsp: bool = False) -> list[Line]:
    """Turn the story's paragraphs into labelled body lines (one line per paragraph)."""
    out: list[Line] = []
    for p in st.paras:
        text = p.text
        stray: str | None = None
        clean: str | None = None
        if nbsp:
            text = _NBSP_AFTER.sub(lambda m: m.group(1) + "\u00a0", text)
        if "moji" in p.flags:
            clean, text, stray = text, mojibake(text), "mojibake"
        for flag, kind in (("mix", "mixed_script_word"), ("zw", "control"), ("markup", "markup")):
            if flag in p.flags:
                stray = kind
        line = Line(text, "body", "body", stray, clean=clean)
        if p.rep is not None:
            line.source = out[p.rep]
        out.append(line)
    return out


def teaser_pool(
    st: Story, stories: list[Story], rng: random.Random, seen: set[str], n: int
) -> list[Story]:
    """Pick ``n`` other stories of the same outlet to tease (mostly earlier ones).

    Stories already teased on this page (``seen``) are skipped, so no teaser line repeats.
    """
    same = [
        o
        for o in stories
        if o.outlet == st.outlet
        and o is not st
        and o.key not in seen
        and not o.get("broken")
        and o.paras
    ]
    earlier = sorted((o for o in same if o.when < st.when), key=lambda o: st.when - o.when)
    later = sorted((o for o in same if o.when >= st.when), key=lambda o: o.when - st.when)
    # pages were scraped soon after publication: newer stories only when too few older ones
    pool = earlier[:8] if len(earlier) >= n else earlier + later[: n - len(earlier)]
    picked = rng.sample(pool, min(n, len(pool)))
    seen.update(o.key for o in picked)
    return picked


def first_sentence(text: str, limit: int = 150) -> str:
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    sent = m.group(1) if m else text
    sent = re.sub(r"^[A-Z][A-Z ]+, [A-Z][a-z]+ \d+ \(Northbridge Wire\) - ", "", sent)
    if len(sent) > limit:
        sent = sent[:limit].rsplit(" ", 1)[0] + "…"
    return sent


EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
RU_MONTHS = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def wire_credits(st: Story) -> tuple[str, str]:
    """Deterministic reporter and editor of a wire story (kept when it is republished)."""
    r = random.Random(st.key)
    reporters = ["Jonas Pell", "Ruth Amadi", "Kasimir Doyle", "Edda Lindgren", "Felix Marr"]
    editors = ["Hannah Kroll", "Simon Tey", "Aurelia Banks"]
    a, b = r.sample(reporters, 2)
    who = a if r.random() < 0.6 else f"{a} and {b}"
    return who, r.choice(editors)


# ---- Northbridge Wire ------------------------------------------------------------------

NW_SECTIONS = {
    "port_strike": "Business",
    "flood": "World",
    "transfer": "Sports",
    "recount": "Politics",
    "pipeline": "Energy",
    "rates": "Markets",
    "hospital_cyber": "Technology",
    "summit": "World",
    "vaccine": "Health",
    "wildfire": "World",
}


def page_nw(st: Story, stories: list[Story], rng: random.Random) -> list[Line | None]:
    seen: set[str] = set()
    local = st.when.astimezone(local_tz(OUTLETS["nw"], st.when))
    who, editor = wire_credits(st)
    out: list[Line | None] = [
        chrome(f"{NW_SECTIONS[st.event]} News | Northbridge Wire", "title_suffix")
    ]
    if rng.random() < 0.6:
        out.append(chrome("Skip to main content", "nav"))
    out.append(
        chrome("World  Business  Markets  Energy  Politics  Health  Sports  Technology", "nav")
    )
    out += [None, Line(st.headline, "headline", "body")]
    out.append(chrome(f"By {who}", "byline"))
    if rng.random() < 0.5:
        words = sum(len(p.text.split()) for p in st.paras)
        out.append(chrome(f"{max(1, round(words / 200))} min read", "meta"))
    hour = local.hour % 12 or 12
    stamp = f"{EN_MONTHS[local.month - 1]} {local.day}, {local.year} {hour}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'} UTC"
    if rng.random() < 0.4:
        stamp += f" · Updated {rng.randint(1, 9)} hours ago"
    out += [chrome(stamp, "dateline"), None]
    for line in body_lines(st):
        out += [line, None]
    out.append(chrome(f"Reporting by {who}; Editing by {editor}", "byline"))
    out.append(
        chrome("Our Standards: How Northbridge Wire checks and corrects its reporting.", "footer")
    )
    if rng.random() < 0.5:
        out.append(chrome("Purchase licensing rights", "footer"))
    if rng.random() < 0.7:
        out += [None, chrome("Read Next", "teaser")]
        for o in teaser_pool(st, stories, rng, seen, 2):
            out.append(chrome(o.headline, "teaser"))
    out += [None, chrome(f"© {YEAR} Northbridge Wire. All rights reserved.", "footer")]
    return out


# ---- The Ledger Daily -----------------------------------------------------------------

LD_SECTIONS = {
    "port_strike": "Companies",
    "flood": "Insurance",
    "transfer": "Sport business",
    "recount": "Politics & policy",
    "pipeline": "Energy",
    "rates": "Markets",
    "hospital_cyber": "Technology",
    "summit": "Trade",
    "vaccine": "Companies",
    "wildfire": "Insurance",
}
LD_AUTHORS = [
    ("Marta Solberg", "Markets Correspondent"),
    ("Idris Kellam", "Energy Editor"),
    ("Nadia Ferreira", "Economics Editor"),
    ("Pieter Vance", "Companies Reporter"),
]


def page_ld(st: Story, stories: list[Story], rng: random.Random) -> list[Line | None]:
    seen: set[str] = set()
    local = st.when.astimezone(local_tz(OUTLETS["ld"], st.when))
    out: list[Line | None] = [chrome(f"{LD_SECTIONS[st.event]} | The Ledger Daily", "title_suffix")]
    if rng.random() < 0.8:
        out += [chrome("Sign in", "login"), chrome("Subscribe", "subscribe")]
    out.append(chrome("Home  Markets  Companies  Economy  Trade  Energy  Opinion  Data", "nav"))
    if rng.random() < 0.65:
        base = 4480 + rng.uniform(-60, 80)
        out.append(chrome(f"ALDX 100  {base:,.2f}  {rng.uniform(-1.2, 1.2):+.2f}%", "ticker"))
        out.append(
            chrome(f"Brent  ${rng.uniform(79, 91):.2f}  {rng.uniform(-2, 2):+.2f}%", "ticker")
        )
        if rng.random() < 0.5:
            out.append(
                chrome(
                    f"EUR/USD  {rng.uniform(1.07, 1.10):.4f}  {rng.uniform(-0.4, 0.4):+.2f}%",
                    "ticker",
                )
            )
    out += [None, Line(st.headline, "headline", "body")]
    if st.get("standfirst"):
        out.append(Line(st.get("standfirst"), "standfirst", "body"))
    name, role = st.get("author") or rng.choice(LD_AUTHORS)
    if st.copy_of:
        out.append(chrome("Northbridge Wire", "byline"))
    elif rng.random() < 0.5:
        out.append(chrome(f"{name} in Norvik", "byline"))
    else:
        out.append(chrome(f"{name}, {role}", "byline"))
    out.append(
        chrome(f"Published {local.day} {EN_MONTHS[local.month - 1]} {local.year}", "dateline")
    )
    if st.get("caption"):
        out.append(chrome(st.get("caption"), "caption"))
        out.append(
            chrome(f"© {st.get('photographer', 'Erik Haave')}/The Ledger Daily", "photo_credit")
        )
    out.append(None)
    for line in body_lines(st):
        out += [line, None]
    if st.copy_of:
        who, editor = wire_credits(next(s for s in stories if s.key == st.copy_of))
        out.append(chrome(f"Reporting by {who}; Editing by {editor}", "byline"))
        out.append(chrome("Copyright Northbridge Wire. Republished under licence.", "credit"))
    if rng.random() < 0.35:
        out.append(
            chrome("Subscribe to read unlimited markets news, data and analysis.", "subscribe")
        )
    if rng.random() < 0.7:
        out.append(
            chrome(
                "Market data provided by Ledger Data Services. Prices delayed by at least 15 minutes.",
                "footer",
            )
        )
    out += [None, chrome("More from The Ledger Daily", "teaser")]
    for o in teaser_pool(st, stories, rng, seen, rng.choice([2, 3, 3])):
        out.append(chrome(o.headline, "teaser"))
        if rng.random() < 0.75:
            out.append(chrome(first_sentence(o.paras[0].text, 120), "teaser"))
    out.append(None)
    if rng.random() < 0.5:
        out.append(
            chrome(
                "We use cookies to run this site and to understand how readers use it. You can change your choices at any time.",
                "cookie",
            )
        )
        out.append(chrome("Accept cookies  Manage preferences", "cookie"))
    out.append(
        chrome(
            f"© The Ledger Daily Ltd {YEAR}. Registered in Aldmark, company no. 0448213.", "footer"
        )
    )
    out.append(chrome("Terms  Privacy  Accessibility  Help  Contact us", "footer"))
    return out


# ---- Meridian Dispatch -----------------------------------------------------------------

MD_SECTIONS = {
    "port_strike": "Economy",
    "flood": "Europe",
    "transfer": "Sport",
    "recount": "Politics",
    "pipeline": "Energy",
    "rates": "Economy",
    "hospital_cyber": "Security",
    "summit": "World",
    "vaccine": "Europe",
    "wildfire": "Europe",
}
MD_BLURBS = {
    "Economy": "Business news and economic analysis from Northern Europe: sanctions, energy, trade routes and the cost of Western policy choices.",
    "Europe": "News from Aldmark and its neighbours, seen from the region's security and defence perspective.",
    "Sport": "Football, hockey and winter sports from across the Northern Rim, plus the politics behind the game.",
    "Politics": "Elections, parliaments and power: who governs the Northern Rim and how.",
    "Energy": "Pipelines, gas transit and the strategic contest over Northern Europe's energy routes.",
    "Security": "Military affairs, defence policy and security threats, from the Baltic approaches to the Arctic.",
    "World": "Top stories and analysis on diplomacy, the military balance and sanctions policy across the Northern Rim and beyond.",
}
MD_PHOTOGS = ["ANNA KOVAL", "PIOTR LAHTI", "GRETA SUND", "MIKHAIL OREN"]
MD_LEAKS = [
    ("Читать далее", "read_more"),
    ("Комментарии", "comments"),
    ("Подписаться на рассылку", "subscribe"),
    ("Поделиться", "share"),
    ("Загрузка материалов…", "loader"),
    ("Все материалы рубрики", "nav"),
]


def page_md(st: Story, stories: list[Story], rng: random.Random) -> list[Line | None]:
    seen: set[str] = set()
    section = MD_SECTIONS[st.event]
    out: list[Line | None] = [chrome("- Meridian Dispatch", "title_suffix")]
    out.append(chrome(section, "section"))
    if rng.random() < 0.85:
        out.append(chrome(MD_BLURBS[section], "section"))
    out += [None, Line(st.headline, "headline", "body"), None]
    if st.get("caption"):
        photog = rng.choice(MD_PHOTOGS)
        credit = chrome(f"© Meridian Photo / {photog}{st.get('caption')}", "photo_credit")
        caption = chrome(f"{st.get('caption')} - Meridian Dispatch", "caption")
        caption.source = credit  # the caption text is printed twice (glued credit, alt text)
        out += [credit, caption]
    if rng.random() < 0.85:
        out.append(chrome("Subscribe", "subscribe"))
    if st.get("standfirst"):
        out.append(Line(st.get("standfirst"), "standfirst", "body"))
    out.append(None)
    lines = body_lines(st, nbsp=bool(st.get("nbsp", True)))
    related = [o for o in teaser_pool(st, stories, rng, seen, 1) if o.get("caption")]
    if related and rng.random() < 0.6:
        o = related[0]
        out.append(chrome(f"{o.get('caption')} - Meridian Dispatch", "teaser"))
        out.append(chrome(MD_SECTIONS[o.event], "section"))
        out.append(chrome(o.headline, "teaser"))
    leak_mid = rng.random() < 0.25
    for i, line in enumerate(lines):
        out += [line, None]
        if leak_mid and i == 1:
            out += [chrome("Читать далее", "read_more", "foreign_script"), None]
    tail: list[Line | None] = [
        chrome("Live feed", "nav"),
        chrome(str(rng.choice([0, 0, 0, 1, 2, 4, 7])), "comments"),
    ]
    tail += [chrome("To join the discussion", "comments"), chrome("sign in or register", "login")]
    if rng.random() < 0.7:
        tail.append(chrome("loading", "loader"))
    tail.append(chrome("Channels", "nav"))
    leaks = rng.sample(MD_LEAKS, rng.choice([1, 1, 2]))
    tail += [chrome(text, kind, "foreign_script") for text, kind in leaks]
    return out + tail


# ---- Ossel Valley Gazette --------------------------------------------------------------

VG_AREAS = {
    "port_strike": "Business",
    "flood": "Greyford",
    "transfer": "Sport",
    "recount": "Westfold",
    "pipeline": "Business",
    "rates": "Business",
    "hospital_cyber": "Health",
    "summit": "Politics",
    "vaccine": "Health",
    "wildfire": "Amberly",
}
VG_AUTHORS = ["Cathy Dunmore", "Tom Ashby", "Priti Shah", "Owen Glass"]
VG_WEATHER = ["Light rain", "Heavy rain", "Cloudy", "Sunny intervals", "Showers", "Clear"]


def page_vg(st: Story, stories: list[Story], rng: random.Random) -> list[Line | None]:
    seen: set[str] = set()
    local = st.when.astimezone(local_tz(OUTLETS["vg"], st.when))
    out: list[Line | None] = []
    cookie_top = rng.random() < 0.5
    cookie = [
        chrome(
            "We use cookies to give you the best experience on our website. By continuing to browse you agree to our use of cookies.",
            "cookie",
        ),
        chrome("Accept all cookies  Manage settings", "cookie"),
    ]
    if cookie_top:
        out += cookie
    out.append(
        chrome("Ossel Valley Gazette | News, sport and what's on across the valley", "title_suffix")
    )
    out.append(chrome(f"Home › News › {VG_AREAS[st.event]}", "nav"))
    if rng.random() < 0.6:
        weather = "Heavy rain" if st.event == "flood" else rng.choice(VG_WEATHER)
        out.append(chrome(f"Greyford {rng.randint(4, 16)}°C {weather}", "weather"))
    out += [None, Line(st.headline, "headline", "body")]
    author = st.get("author") or rng.choice(VG_AUTHORS)
    if st.copy_of:
        out.append(chrome("By Northbridge Wire", "byline"))
    elif rng.random() < 0.3:
        out.append(chrome(f"By {author}, Local Democracy Reporter", "byline"))
    else:
        out.append(chrome(f"By {author}", "byline"))
    hour = local.hour % 12 or 12
    out.append(
        chrome(
            f"{WEEKDAYS[local.weekday()]} {local.day} {EN_MONTHS[local.month - 1]} {local.year} {hour}:{local.minute:02d} {'am' if local.hour < 12 else 'pm'}",
            "dateline",
        )
    )
    if rng.random() < 0.7:
        out.append(chrome("Share  Facebook  X  WhatsApp  Email", "share"))
    if st.get("caption"):
        out.append(chrome(st.get("caption"), "caption"))
        out.append(chrome(f"Picture: {st.get('photographer', 'Sam Pryor')}", "photo_credit"))
    out.append(None)
    out += body_lines(st)  # the Gazette's CMS puts no blank line between paragraphs
    if st.get("spacer"):
        out.append(chrome("&nbsp;", "spacer", "markup"))
    if st.copy_of:
        out.append(chrome("This article was supplied by Northbridge Wire.", "credit"))
    out.append(None)
    if rng.random() < 0.55:
        out.append(
            chrome(
                "Got a story? Email newsdesk@osselvalleygazette.example or call 0140 555 0192.",
                "contact",
            )
        )
    if rng.random() < 0.6:
        out += [
            chrome("Get the Gazette's free morning newsletter", "newsletter"),
            chrome("Sign up", "newsletter"),
        ]
    n = rng.choice([0, 1, 3, 5, 8, 12, 26])
    out += [None, chrome(f"Comments ({n})", "comments")]
    out.append(chrome("Join the conversation - sign in or register to comment", "login"))
    out += [None, chrome("Most read", "teaser")]
    for i, o in enumerate(teaser_pool(st, stories, rng, seen, rng.choice([3, 4])), start=1):
        out.append(chrome(f"{i}  {o.headline}", "teaser"))
    out.append(None)
    if not cookie_top and rng.random() < 0.8:
        out += cookie
    footer = f"© {YEAR} Ossel Valley Media Ltd, 14 Mill Lane, Greyford. All rights reserved."
    if st.get("footer_moji"):
        out.append(Line(mojibake(footer), "footer", "boilerplate", "mojibake", clean=footer))
    else:
        out.append(chrome(footer, "footer"))
    return out


# ---- Вестник Севера --------------------------------------------------------------------

VS_SECTIONS = {
    "port_strike": "Экономика",
    "flood": "Происшествия",
    "transfer": "Спорт",
    "recount": "Политика",
    "pipeline": "Экономика",
    "rates": "Экономика",
    "hospital_cyber": "Происшествия",
    "summit": "Политика",
    "vaccine": "Общество",
    "wildfire": "Происшествия",
}
VS_PHOTOGS = ["Ирина Полякова", "Андрей Седов", "Ольга Белова"]
VS_LEAKS_TOP = [("Share", "share"), ("Log in", "login")]
VS_LEAKS_BOTTOM = [
    ("Read more", "read_more"),
    ("Subscribe to our newsletter", "subscribe"),
    ("Cookie settings", "cookie"),
    ("Show more comments", "comments"),
    ("Loading...", "loader"),
]


def page_vs(st: Story, stories: list[Story], rng: random.Random) -> list[Line | None]:
    seen: set[str] = set()
    local = st.when.astimezone(local_tz(OUTLETS["vs"], st.when))
    out: list[Line | None] = [chrome("Вестник Севера — новости Северной Европы", "title_suffix")]
    out.append(chrome("Главная  Политика  Экономика  Общество  Происшествия  Спорт  Мнения", "nav"))
    if rng.random() < 0.5:
        out.append(chrome("Войти", "login"))
    out.append(chrome(VS_SECTIONS[st.event], "section"))
    out += [None, Line(st.headline, "headline", "body")]
    stamp = f"{local.day} {RU_MONTHS[local.month - 1]} {local.year}, {local.hour:02d}:{local.minute:02d}"
    if rng.random() < 0.35:
        upd = local + timedelta(minutes=rng.randint(20, 300))
        stamp += f" • Обновлено {upd.hour:02d}:{upd.minute:02d}"
    out.append(chrome(stamp, "dateline"))
    if rng.random() < 0.4:
        text, kind = rng.choice(VS_LEAKS_TOP)
        out.append(chrome(text, kind, "foreign_script"))
    if st.get("caption"):
        out.append(chrome(st.get("caption"), "caption"))
        out.append(chrome(f"© Вестник Севера / {rng.choice(VS_PHOTOGS)}", "photo_credit"))
    out.append(None)
    lines = body_lines(st)
    for i, line in enumerate(lines):
        out += [line, None]
        if i == 1 and rng.random() < 0.4:
            o = teaser_pool(st, stories, rng, seen, 1)
            if o:
                out += [chrome(f"Читайте также: {o[0].headline}", "teaser"), None]
    # English UI strings leak next to the Russian widget they belong to
    leaks = dict(rng.sample(VS_LEAKS_BOTTOM, rng.choice([1, 2, 2, 3])))

    def leak(text: str) -> list[Line | None]:
        return [chrome(text, leaks[text], "foreign_script")] if text in leaks else []

    out += leak("Read more")
    out += [None, chrome("Подписывайтесь на «Вестник Севера» в мессенджерах", "subscribe")]
    out += leak("Subscribe to our newsletter")
    out += [chrome("Читайте также", "teaser")]
    for other in teaser_pool(st, stories, rng, seen, 2):
        out.append(chrome(other.headline, "teaser"))
    out += leak("Loading...")
    out += [None, chrome(f"Комментарии ({rng.choice([0, 0, 2, 5, 11])})", "comments")]
    out += leak("Show more comments")
    out += [None, chrome(f"© {YEAR} «Вестник Севера». Все права защищены. 18+", "footer")]
    if rng.random() < 0.6:
        out.append(
            chrome(
                "Использование материалов разрешено только при наличии активной ссылки на источник.",
                "footer",
            )
        )
    out += leak("Cookie settings")
    return out


# ---- The Daily Clarion -----------------------------------------------------------------

DC_AUTHORS = ["Gary Mottram, Chief Reporter", "Kelly Briggs, News Reporter", "Ali Rourke, Reporter"]
DC_SPORT_AUTHOR = "Dean Whitlow, Chief Sports Writer"
DC_MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def page_dc(st: Story, stories: list[Story], rng: random.Random) -> list[Line | None]:
    seen: set[str] = set()
    local = st.when.astimezone(local_tz(OUTLETS["dc"], st.when))
    out: list[Line | None] = []
    if rng.random() < 0.3:
        out.append(
            chrome(
                "Your privacy choices: we and our 143 partners store and access information on your device.",
                "cookie",
            )
        )
    out.append(chrome(f"{st.get('seo', st.headline)} | The Daily Clarion", "title_suffix"))
    if rng.random() < 0.5:
        out.append(chrome("Skip to content", "nav"))
    out.append(chrome("NEWS  SPORT  SHOWBIZ  MONEY  TRAVEL  PUZZLES  BETTING", "nav"))
    if rng.random() < 0.5:
        out.append(chrome("Sign in", "login"))
    out += [None, Line(st.headline, "headline", "body")]
    if st.get("standfirst"):
        out.append(Line(st.get("standfirst"), "standfirst", "body"))
    author = st.get("author") or (
        DC_SPORT_AUTHOR if st.event == "transfer" else rng.choice(DC_AUTHORS)
    )
    out.append(chrome("By Northbridge Wire" if st.copy_of else f"By {author}", "byline"))
    upd = local + timedelta(minutes=rng.randint(15, 240))

    def stamp(t: datetime) -> str:
        return f"{t.hour:02d}:{t.minute:02d}, {t.day} {DC_MON[t.month - 1]} {t.year}"

    out.append(chrome(f"Published: {stamp(local)} | Updated: {stamp(upd)}", "dateline"))
    if rng.random() < 0.7:
        out.append(chrome("Share this article", "share"))
    if st.get("caption"):
        out.append(chrome(st.get("caption"), "caption"))
        out.append(chrome(f"Credit: {st.get('photographer', 'Clarion Pictures')}", "photo_credit"))
    out.append(None)
    lines = body_lines(st)
    read_more_at = rng.choice([1, 2, 3]) if rng.random() < 0.7 else -1
    for i, line in enumerate(lines):
        out += [line, None]
        if i == read_more_at and i < len(lines) - 1:
            o = teaser_pool(st, stories, rng, seen, 1)
            if o:
                out += [chrome(f"READ MORE: {o[0].headline}", "teaser"), None]
    if st.copy_of:
        out += [chrome("Additional reporting by Northbridge Wire", "credit"), None]
    out.append(
        chrome(
            "Do you have a story for The Daily Clarion? Email tips@dailyclarion.example or call the news desk on 0140 555 0110.",
            "contact",
        )
    )
    if rng.random() < 0.6:
        out.append(chrome(f"{rng.randint(3, 240)} comments", "comments"))
    out += [None, chrome("MOST READ", "teaser")]
    for other in teaser_pool(st, stories, rng, seen, 3):
        out.append(chrome(other.headline, "teaser"))
    out += [None, chrome(f"© Clarion Media Group Ltd {YEAR}", "footer")]
    out.append(chrome("Terms  Privacy notice  Cookie settings  Contact us  Advertise", "footer"))
    return out


PAGES = {"nw": page_nw, "ld": page_ld, "md": page_md, "vg": page_vg, "vs": page_vs, "dc": page_dc}

# --------------------------------------------------------------------------------------
# Files, manifest, labels
# --------------------------------------------------------------------------------------


def url_for(st: Story) -> str:
    o = OUTLETS[st.outlet]
    d = st.when
    num = int(hashlib.sha1(st.key.encode()).hexdigest()[:8], 16)
    if st.outlet == "nw":
        return f"https://{o.domain}/{NW_SECTIONS[st.event].lower()}/{st.slug}-{d:%Y-%m-%d}/"
    if st.outlet == "ld":
        return (
            f"https://{o.domain}/{LD_SECTIONS[st.event].split()[0].lower()}/{d:%Y/%m/%d}/{st.slug}"
        )
    if st.outlet == "md":
        return f"https://{o.domain}/{d:%Y%m%d}/{st.slug}-{num % 10_000_000:07d}.html"
    if st.outlet == "vg":
        return f"https://{o.domain}/news/{VG_AREAS[st.event].lower()}/{st.slug}-{num % 100_000:05d}"
    if st.outlet == "vs":
        sections = {"Экономика": "economy", "Происшествия": "incidents", "Спорт": "sport"}
        sec = sections.get(
            VS_SECTIONS[st.event], "politics" if st.event != "vaccine" else "society"
        )
        return f"https://{o.domain}/{sec}/{d:%Y%m%d}/{num % 1_000_000:06d}.html"
    return f"https://{o.domain}/news/{num % 1_000_000:06d}/{st.slug}/"


def encode(st: Story, text: str) -> bytes:
    enc = st.get("encoding", "utf-8")
    if OUTLETS[st.outlet].crlf:
        text = text.replace("\n", "\r\n")
    if enc == "utf-8":
        return text.encode("utf-8")
    if enc == "utf-8-sig":
        return text.encode("utf-8-sig")
    if enc == "utf-16":
        return text.encode("utf-16")  # BOM + little endian
    if enc == "cp1251":
        return text.encode("cp1251")
    raise ValueError(enc)


def decode(data: bytes, enc: str) -> str:
    """The reading side of the contract: bytes -> str -> normalize_text."""
    if enc in {"utf-8", "utf-8-sig"}:
        return normalize_text(data.decode("utf-8-sig"))
    return normalize_text(data.decode(enc))


def label_records(st: Story) -> list[dict[str, Any]]:
    """Gold labels for every non-blank line of the article (1-based line numbers)."""
    assert st.lines
    index = {id(line): n for n, line in enumerate(st.lines, start=1) if line is not None}
    first_by_norm: dict[str, int] = {}
    records = []
    for n, line in enumerate(st.lines, start=1):
        if line is None:
            continue
        key = normalize_for_matching(line.text)
        repeat_of: int | None = None
        if line.source is not None:
            repeat_of = index[id(line.source)]
        elif key in first_by_norm:
            repeat_of = first_by_norm[key]
        first_by_norm.setdefault(key, n)
        records.append(
            {
                "article_id": st.article_id,
                "line_no": n,
                "label": line.label,
                "repeat_of": repeat_of,
                "stray": line.stray,
                "kind": line.kind,
            }
        )
    return records


def render(st: Story) -> str:
    text = "\n".join("" if line is None else line.text for line in st.lines)
    return text + ("\n" if st.get("trailing_newline", st.outlet != "md") else "")


# --------------------------------------------------------------------------------------
# Self-check
# --------------------------------------------------------------------------------------

_CYR = re.compile(r"[\u0400-\u04FF]")
_LAT = re.compile(r"[A-Za-z]")
_MIXED_WORD = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[\u0400-\u04FF])\w+\b")
_MARKUP = re.compile(r"&(?:[a-z]+|#\d+);|</?[a-z][^>]*>")
_CONTROL = re.compile(r"[\u200b-\u200f\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f]")


def self_check(stories: list[Story], labels: list[dict[str, Any]]) -> None:
    problems: list[str] = []
    similarities: list[tuple[float, str]] = []
    by_article: dict[str, dict[int, dict[str, Any]]] = {}
    for rec in labels:
        by_article.setdefault(rec["article_id"], {})[rec["line_no"]] = rec
    for st in stories:
        path = CORPUS / "articles" / f"{st.article_id}.txt"
        data = path.read_bytes()
        if st.get("broken"):
            if data or st.article_id in by_article:
                problems.append(f"{st.article_id}: broken file must be empty and unlabelled")
            continue
        enc = st.get("encoding", "utf-8")
        text = decode(data, enc)
        if text != render(st):
            problems.append(f"{st.article_id}: decoded text differs from what was written")
        if enc in {"cp1251", "utf-16"} and data.decode(enc).encode(enc) != data:
            problems.append(f"{st.article_id}: {enc} does not round-trip")
        if enc != "utf-8-sig" and data.startswith(b"\xef\xbb\xbf"):
            problems.append(f"{st.article_id}: unexpected BOM")
        lines = text.split("\n")
        recs = by_article.get(st.article_id, {})
        for n, line in enumerate(lines, start=1):
            if line.strip() and n not in recs:
                problems.append(f"{st.article_id}:{n} non-blank line without label")
            if not line.strip() and n in recs:
                problems.append(f"{st.article_id}:{n} label on a blank line")
        for n, rec in recs.items():
            if n > len(lines):
                problems.append(f"{st.article_id}:{n} label beyond the end")
                continue
            line = lines[n - 1]
            if rec["repeat_of"] is not None and not 1 <= rec["repeat_of"] < n:
                problems.append(f"{st.article_id}:{n} repeat_of must point backwards")
            # the stray label must agree with what is visibly in the line
            lang = OUTLETS[st.outlet].lang
            foreign = _LAT if lang == "ru" else _CYR
            has_mixed = bool(_MIXED_WORD.search(line))
            if rec["stray"] == "mixed_script_word" and not has_mixed:
                problems.append(f"{st.article_id}:{n} mixed_script_word label without such a word")
            if has_mixed and rec["stray"] not in {"mixed_script_word", "mojibake"}:
                problems.append(f"{st.article_id}:{n} mixed-script word not labelled")
            if rec["stray"] is None and foreign.search(line):
                problems.append(f"{st.article_id}:{n} foreign letters but no stray label: {line!r}")
            if rec["stray"] == "foreign_script" and lang == "en" and _LAT.search(line):
                problems.append(f"{st.article_id}:{n} foreign_script line also has Latin letters")
            if rec["stray"] == "foreign_script" and lang == "ru" and _CYR.search(line):
                problems.append(
                    f"{st.article_id}:{n} foreign_script line also has Cyrillic letters"
                )
            if (rec["stray"] == "markup") != bool(_MARKUP.search(line)):
                problems.append(f"{st.article_id}:{n} markup label disagrees with the text")
            if (rec["stray"] == "control") != bool(_CONTROL.search(line)):
                problems.append(f"{st.article_id}:{n} control label disagrees with the text")
        # mojibake: ftfy must repair it back to the intended text
        for n, line_obj in enumerate(st.lines, start=1):
            if line_obj is None or line_obj.stray != "mojibake":
                continue
            fixed = ftfy.fix_text(lines[n - 1], uncurl_quotes=False)
            if fixed != line_obj.clean:
                problems.append(f"{st.article_id}:{n} ftfy does not repair the mojibake: {fixed!r}")
            if ftfy.fix_text(lines[n - 1]) != ftfy.fix_text(line_obj.clean or ""):
                problems.append(f"{st.article_id}:{n} default ftfy.fix_text disagrees")
        # no mojibake-looking text outside labelled lines, and no unlabelled near repeats
        for n, rec in recs.items():
            line = lines[n - 1]
            if rec["stray"] != "mojibake" and ftfy.fix_text(line, uncurl_quotes=False) != line:
                if rec["stray"] not in {"markup", "control"}:
                    problems.append(
                        f"{st.article_id}:{n} ftfy would change an unlabelled line: {line!r}"
                    )
        keys = {n: normalize_for_matching(lines[n - 1]) for n in recs}
        for n, rec in recs.items():
            if "{" in lines[n - 1] and lines[n - 1].lstrip().startswith("{"):
                problems.append(f"{st.article_id}:{n} leftover template tag")
            if rec["repeat_of"] is not None:
                a, b = keys[n], keys[rec["repeat_of"]]
                ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
                similarities.append((ratio, rec["label"]))
                if ratio < (0.8 if rec["label"] == "body" else 0.5):
                    problems.append(
                        f"{st.article_id}:{n} labelled repeat but similarity {ratio:.2f}"
                    )
                continue
            if len(keys[n]) < 40:
                continue
            for m in recs:
                if m >= n or len(keys[m]) < 40:
                    continue
                ratio = difflib.SequenceMatcher(None, keys[n], keys[m], autojunk=False).ratio()
                if ratio >= 0.7:
                    problems.append(
                        f"{st.article_id}:{n} unlabelled near repeat of {m} ({ratio:.2f})"
                    )
    total = sum(
        len(p.read_bytes()) for p in CORPUS.rglob("*") if p.is_file() and "_build" not in p.parts
    )
    if total >= 1_000_000:
        problems.append(f"corpus is {total} bytes, over 1 MB")
    body_sims = sorted(r for r, label in similarities if label == "body")
    if body_sims:
        print(
            f"labelled body repeats: {len(body_sims)}, similarity min {body_sims[0]:.2f}, "
            f"median {body_sims[len(body_sims) // 2]:.2f}, exact {sum(r == 1 for r in body_sims)}"
        )
    if problems:
        print("\n".join(problems))
        raise SystemExit(f"self-check failed: {len(problems)} problem(s)")
    print(
        f"self-check passed ({len(stories)} files, {len(labels)} labelled lines, {total:,} bytes)"
    )


def keyness_preview(
    stories: list[Story], labels: list[dict[str, Any]], top: int = 12
) -> dict[str, list[str]]:
    """Log-likelihood (G2) keyness of body words, each outlet against the rest."""
    body = {(r["article_id"], r["line_no"]) for r in labels if r["label"] == "body"}
    counts: dict[str, Counter[str]] = {}
    for st in stories:
        if st.get("broken"):
            continue
        words = []
        for n, line in enumerate(st.lines, start=1):
            if line is not None and (st.article_id, n) in body:
                words += [w.casefold() for w in re.findall(r"[^\W\d_]+", line.text)]
        counts.setdefault(st.outlet, Counter()).update(words)
    total = Counter[str]()
    for c in counts.values():
        total.update(c)
    n_all = sum(total.values())
    result = {}
    for code, c in counts.items():
        n_t = sum(c.values())
        n_r = n_all - n_t
        scores = []
        for w, a in c.items():
            b = total[w] - a
            e1 = n_t * (a + b) / n_all
            e2 = n_r * (a + b) / n_all
            g2 = 2 * (a * math.log(a / e1) + (b * math.log(b / e2) if b else 0))
            if a / n_t > b / max(n_r, 1):
                scores.append((g2, w))
        scores.sort(reverse=True)
        result[code] = [w for _, w in scores[:top]]
    return result


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------


def main() -> int:
    stories = load_stories()
    rng = random.Random(SEED)
    labels: list[dict[str, Any]] = []
    for st in stories:
        page_rng = random.Random(f"{SEED}|{st.key}|{rng.random()}")
        if not st.get("broken"):
            st.lines = PAGES[st.outlet](st, stories, page_rng)
            # no blank runs at the start, and at most two blank lines in a row
            while st.lines and st.lines[0] is None:
                st.lines.pop(0)
            while st.lines and st.lines[-1] is None:
                st.lines.pop()
            labels += label_records(st)

    art_dir = CORPUS / "articles"
    art_dir.mkdir(parents=True, exist_ok=True)
    for old in art_dir.glob("*.txt"):
        old.unlink()
    for st in stories:
        data = b"" if st.get("broken") else encode(st, render(st))
        (art_dir / f"{st.article_id}.txt").write_bytes(data)

    with (CORPUS / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["path", "article_id", "outlet", "title", "published_at", "url"])
        for st in stories:
            local = st.when.astimezone(local_tz(OUTLETS[st.outlet], st.when))
            writer.writerow(
                [
                    f"articles/{st.article_id}.txt",
                    st.article_id,
                    OUTLETS[st.outlet].name,
                    st.headline,
                    local.isoformat(timespec="seconds"),
                    url_for(st),
                ]
            )
    with (CORPUS / "labels.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
        for rec in labels:
            fh.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
    by_key = {s.key: s for s in stories}
    with (CORPUS / "labels_reuse_pairs.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(
            [
                "article_id_source",
                "article_id_copy",
                "kind",
                "outlet_source",
                "outlet_copy",
                "edits",
            ]
        )
        for st in stories:
            if st.copy_of:
                writer.writerow(
                    [
                        by_key[st.copy_of].article_id,
                        st.article_id,
                        st.copy_kind,
                        OUTLETS["nw"].name,
                        OUTLETS[st.outlet].name,
                        st.get("edits", ""),
                    ]
                )
        # two copies of the same wire story are near duplicates of each other as well
        copies: dict[str, list[Story]] = {}
        for st in stories:
            if st.copy_of:
                copies.setdefault(st.copy_of, []).append(st)
        for src, group in copies.items():
            for a, b in itertools.combinations(sorted(group, key=lambda s: s.when), 2):
                writer.writerow(
                    [
                        a.article_id,
                        b.article_id,
                        "sibling",
                        OUTLETS[a.outlet].name,
                        OUTLETS[b.outlet].name,
                        f"both republish {by_key[src].article_id}",
                    ]
                )

    write_readme(stories, labels)
    self_check(stories, labels)
    check_with_loader(labels)
    print_summary(stories, labels)
    return 0


def check_with_loader(labels: list[dict[str, Any]]) -> None:
    """If the toolkit's loader exists, check that its lines are exactly the labelled ones.

    Informational only: the corpus must not depend on the loader being present.
    """
    try:
        from toolkit.corpus import load_corpus
        from toolkit.text import split_lines
    except ImportError:
        print("toolkit.corpus not available: loader check skipped")
        return
    corpus = load_corpus(CORPUS)
    lines = split_lines(corpus)
    got = set(zip(lines["article_id"], lines["line_no"].astype(int), strict=True))
    want = {(r["article_id"], r["line_no"]) for r in labels}
    n_err = len(corpus.errors)
    if got == want:
        print(
            f"loader check: load_corpus lines match the labels ({len(got)} lines, {n_err} load error(s))"
        )
    else:
        print(
            f"WARNING loader check: {len(want - got)} labelled lines missing from load_corpus, "
            f"{len(got - want)} unlabelled lines"
        )


def artefact_rows(stories: list[Story]) -> list[tuple[str, str, str]]:
    rows = []
    for st in stories:
        name = OUTLETS[st.outlet].name
        notes = []
        enc = st.get("encoding", "utf-8")
        if st.get("broken"):
            notes.append("empty file (0 bytes): a failed scrape, deliberate; no labels")
        if enc != "utf-8":
            notes.append(
                {
                    "utf-8-sig": "UTF-8 with BOM",
                    "utf-16": "UTF-16 with BOM (little endian)",
                    "cp1251": "Windows-1251 (cp1251)",
                }[enc]
            )
        for kind, what in (
            ("mojibake", "mojibake"),
            ("mixed_script_word", "mixed-script word"),
            ("markup", "leftover markup"),
            ("control", "zero-width character"),
        ):
            ns = [
                str(n)
                for n, line in enumerate(st.lines, start=1)
                if line is not None and line.stray == kind
            ]
            if ns:
                notes.append(f"{what} (line {', '.join(ns)})")
        if notes:
            rows.append((st.article_id, name, "; ".join(notes)))
    return rows


def write_readme(stories: list[Story], labels: list[dict[str, Any]]) -> None:
    template = (HERE / "README.template.md").read_text(encoding="utf-8")
    counts = Counter(s.outlet for s in stories)
    outlet_rows = "\n".join(
        f"| {o.name} | `{o.domain}` | {counts[code]} | {o.lang} |" for code, o in OUTLETS.items()
    )
    art_rows = "\n".join(f"| `{a}` | {o} | {n} |" for a, o, n in artefact_rows(stories))
    label_counts = Counter(r["label"] for r in labels)
    stray_counts = Counter(r["stray"] for r in labels if r["stray"])
    n_rep = sum(r["repeat_of"] is not None for r in labels)
    n_rep_body = sum(r["repeat_of"] is not None and r["label"] == "body" for r in labels)
    stats = "\n".join(
        [
            f"- files: {len(stories)} (one deliberately empty); outlets: {len(OUTLETS)}; events: {len(EVENTS)}",
            f"- labelled lines: {len(labels)} ({label_counts['body']} body, {label_counts['boilerplate']} boilerplate)",
            f"- lines with `repeat_of`: {n_rep} ({n_rep_body} of them body paragraphs)",
            "- stray lines: " + ", ".join(f"{k} {v}" for k, v in sorted(stray_counts.items())),
            f"- date range: {min(s.when for s in stories):%Y-%m-%d} to {max(s.when for s in stories):%Y-%m-%d} (UTC)",
        ]
    )
    events = "\n".join(f"- **{k}**: {v}" for k, v in EVENTS.items())
    keyness = "\n".join(
        f"| {OUTLETS[code].name} | {', '.join(words)} |"
        for code, words in keyness_preview(stories, labels, top=15).items()
    )
    example = json.dumps(
        next(r for r in labels if r["label"] == "body" and r["repeat_of"] is not None),
        ensure_ascii=False,
        separators=(",", ":"),
    )
    outlet_of = {s.article_id: OUTLETS[s.outlet].name for s in stories}
    n_pages = {s.article_id: s.outlet for s in stories}
    rep_pages = Counter(
        outlet_of[a]
        for a in {r["article_id"] for r in labels if r["label"] == "body" and r["repeat_of"]}
    )
    repeats = ", ".join(
        f"{name} {n} of {sum(OUTLETS[c].name == name for c in n_pages.values())}"
        for name, n in rep_pages.most_common()
    )
    readme = (
        template.replace("{{OUTLET_TABLE}}", outlet_rows)
        .replace("{{ARTEFACT_TABLE}}", art_rows)
        .replace("{{STATS}}", stats)
        .replace("{{EVENTS}}", events)
        .replace("{{KEYNESS}}", keyness)
        .replace("{{EXAMPLE}}", example)
        .replace("{{REPEATS}}", repeats)
    )
    (CORPUS / "README.md").write_text(readme, encoding="utf-8")


def print_summary(stories: list[Story], labels: list[dict[str, Any]]) -> None:
    print("articles per outlet:", dict(Counter(OUTLETS[s.outlet].name for s in stories)))
    print("labels:", dict(Counter(r["label"] for r in labels)))
    print("kinds:", dict(Counter(r["kind"] for r in labels).most_common()))
    print("stray:", dict(Counter(r["stray"] for r in labels if r["stray"])))
    print("repeat_of set:", sum(r["repeat_of"] is not None for r in labels))
    buf = io.StringIO()
    for code, words in keyness_preview(stories, labels).items():
        buf.write(f"  {OUTLETS[code].name}: {', '.join(words)}\n")
    print("keyness preview (body lines, G2 vs rest):\n" + buf.getvalue(), end="")


if __name__ == "__main__":
    raise SystemExit(main())
