"""Tests for toolkit.corpus: every source format, encoding and kind of bad input."""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from toolkit.corpus import (
    Corpus,
    EmptyCorpusWarning,
    LoadError,
    load_corpus,
)
from toolkit.io.provenance import PROVENANCE_COLUMNS
from toolkit.schema import ARTICLE_COLUMNS, ERROR_COLUMNS

BODY_EN = (
    "The city council approved the new budget on Monday after a long debate.\n\n"
    "Officials said the plan would fund two new schools and repair old bridges.\n"
)
BODY_RU = (
    "Городской совет утвердил новый бюджет в понедельник после долгих споров. "
    "Чиновники сказали, что план позволит построить две школы и отремонтировать мосты. "
    "Жители встретили решение с осторожным одобрением."
)
BODY_FR = "Le conseil a approuvé le budget après un débat très animé à la mairie.\n"


def write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return path


def errors_of(corpus: Corpus) -> list[tuple[str, str]]:
    """(basename of source_path, error kind) for every errors row."""
    return [
        (str(p).replace("\\", "/").rsplit("/", 1)[-1], e)
        for p, e in zip(corpus.errors["source_path"], corpus.errors["error"], strict=True)
    ]


def by_id(corpus: Corpus) -> dict[str, dict[Any, Any]]:
    records = corpus.articles.to_dict("records")
    return {str(r["article_id"]): r for r in records}


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    out = {}
    for path in sorted(folder.rglob("*")):
        st_ = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        out[str(path.relative_to(folder))] = (digest, st_.st_mtime_ns)
    return out


# --------------------------------------------------------------------------- schema


def test_articles_and_errors_have_the_contract_columns(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", BODY_EN)
    write(tmp_path / "b.txt", b"")
    corpus = load_corpus(tmp_path)
    assert list(corpus.articles.columns) == [*ARTICLE_COLUMNS, *PROVENANCE_COLUMNS]
    assert list(corpus.errors.columns) == list(ERROR_COLUMNS)
    assert str(corpus.articles["published_at"].dtype) == "datetime64[ns, UTC]"
    assert corpus.articles["published_at"].isna().all()
    assert corpus.source == str(tmp_path)
    assert len(corpus) == 1


def test_an_empty_result_says_why(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", b"")
    write(tmp_path / "notes.pdf", b"%PDF")
    with pytest.warns(EmptyCorpusWarning) as caught:
        load_corpus(tmp_path)
    message = str(caught[0].message)
    assert "1 empty (see corpus.errors)" in message
    assert "1 file(s) of other types skipped (see corpus.skipped)" in message


def test_empty_folder_gives_an_empty_corpus(tmp_path: Path) -> None:
    with pytest.warns(EmptyCorpusWarning, match="no articles were loaded"):
        corpus = load_corpus(tmp_path)
    assert len(corpus) == 0
    assert list(corpus.articles.columns) == [*ARTICLE_COLUMNS, *PROVENANCE_COLUMNS]
    assert corpus.errors.empty
    assert corpus.outlets == []
    assert corpus.summary().empty
    assert str(corpus.articles["published_at"].dtype) == "datetime64[ns, UTC]"


# --------------------------------------------------------------------------- folders


def test_folder_with_manifest(tmp_path: Path) -> None:
    write(tmp_path / "docs" / "one.txt", BODY_EN)
    write(tmp_path / "docs" / "two.txt", "Second article text here.")
    write(tmp_path / "loose.txt", "- Harbour Gazette\nA loose article.")
    write(
        tmp_path / "manifest.csv",
        "path,outlet,title,published_at,url\n"
        "docs/one.txt,Northern Star,Budget passes,2024-05-06T09:30:00+02:00,https://ns.example/1\n"
        "docs/two.txt,Southern Cross,,2024-05-07,\n"
        "docs/missing.txt,Northern Star,Gone,,\n",
    )
    corpus = load_corpus(tmp_path)
    arts = by_id(corpus)
    assert set(arts) == {"one", "two", "loose"}
    assert arts["one"]["outlet"] == "Northern Star"
    assert arts["one"]["title"] == "Budget passes"
    assert arts["one"]["url"] == "https://ns.example/1"
    assert arts["one"]["published_at"] == pd.Timestamp("2024-05-06 07:30", tz="UTC")
    assert arts["two"]["outlet"] == "Southern Cross"
    assert arts["two"]["title"] is None
    # the manifest beats the sub-folder; files it does not name fall back to inference
    assert arts["loose"]["outlet"] == "Harbour Gazette"
    assert errors_of(corpus) == [("manifest.csv", "missing_file")]
    assert "docs/missing.txt" in corpus.errors["message"].iloc[0]
    # the manifest itself is not an article
    assert not corpus.articles["source_path"].str.endswith("manifest.csv").any()


def test_folder_with_jsonl_manifest_by_id(tmp_path: Path) -> None:
    write(tmp_path / "x" / "art_1.txt", BODY_EN)
    write(tmp_path / "x" / "art_2.txt", BODY_EN + " more")
    lines = [
        {"id": "art_1", "outlet": "Coast Daily", "date": "2023-01-02"},
        {"id": "art_9", "outlet": "Coast Daily"},
    ]
    write(tmp_path / "manifest.jsonl", "\n".join(json.dumps(r) for r in lines))
    corpus = load_corpus(tmp_path)
    arts = by_id(corpus)
    assert arts["art_1"]["outlet"] == "Coast Daily"
    assert arts["art_1"]["published_at"] == pd.Timestamp("2023-01-02", tz="UTC")
    assert arts["art_2"]["outlet"] == "x"  # not in the manifest: its sub-folder
    assert errors_of(corpus) == [("manifest.jsonl", "missing_file")]
    assert "art_9" in corpus.errors["message"].iloc[0]


def test_folder_with_outlet_subfolders(tmp_path: Path) -> None:
    write(tmp_path / "Daily Planet" / "a1.txt", BODY_EN)
    write(tmp_path / "Daily Planet" / "2024" / "a2.txt", BODY_EN + "x")
    write(tmp_path / "metro.example" / "b1.txt", BODY_EN + "y")
    write(tmp_path / "top.txt", "No outlet hint in this text at all.")
    write(tmp_path / "README.txt", "This folder holds test articles.")
    write(tmp_path / "labels.txt", "a1 good")
    write(tmp_path / ".hidden.txt", "hidden")
    write(tmp_path / "notes.md", "not an article")
    corpus = load_corpus(tmp_path)
    arts = by_id(corpus)
    assert set(arts) == {"a1", "a2", "b1", "top"}
    assert arts["a1"]["outlet"] == "Daily Planet"
    assert arts["a2"]["outlet"] == "Daily Planet"  # the top-level sub-folder names it
    assert arts["b1"]["outlet"] == "metro.example"
    assert arts["top"]["outlet"] == "unknown"
    assert corpus.errors.empty
    assert corpus.outlets == ["Daily Planet", "metro.example", "unknown"]


def test_not_recursive(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", BODY_EN)
    write(tmp_path / "sub" / "b.txt", BODY_EN)
    assert by_id(load_corpus(tmp_path, recursive=False)).keys() == {"a"}


def test_outlet_override(tmp_path: Path) -> None:
    write(tmp_path / "Sub" / "a.txt", "- Some Outlet\n" + BODY_EN)
    corpus = load_corpus(tmp_path, outlet="Chosen")
    assert corpus.outlets == ["Chosen"]


# --------------------------------------------------------------------------- outlet from text


def test_title_suffix_outlet_inference(tmp_path: Path) -> None:
    seed_like = (
        "- Ridgeway Herald\nEurope\nFind the latest news from the region.\n\n"
        "Ministers Meet in Vienna\n\nA portrait of the minister - Ridgeway Herald\n"
        "Subscribe\nThe ministers met on Tuesday to discuss trade.\n"
    )
    write(tmp_path / "s1.txt", seed_like)
    write(tmp_path / "s2.txt", "Ports reopen after storm | Coastal Wire\n\n" + BODY_EN)
    write(tmp_path / "s3.txt", "Ports reopen after the storm - Reuters\n\n" + BODY_EN)
    write(tmp_path / "s4.txt", "US - China Trade Talks Resume\n\n" + BODY_EN)
    caption_deep = BODY_EN * 3 + "\nA view of the harbour - Getty Images\n" + BODY_EN
    write(tmp_path / "s5.txt", caption_deep)
    arts = by_id(load_corpus(tmp_path))
    assert arts["s1"]["outlet"] == "Ridgeway Herald"
    assert arts["s2"]["outlet"] == "Coastal Wire"
    assert arts["s2"]["title"] == "Ports reopen after storm"
    assert arts["s3"]["outlet"] == "Reuters"
    assert arts["s4"]["outlet"] == "unknown"  # a title-case headline is not an outlet
    assert arts["s5"]["outlet"] == "unknown"  # one photo credit deep down is not enough


# --------------------------------------------------------------------------- tables


def test_csv_with_guessed_columns_and_a_bad_row(tmp_path: Path) -> None:
    path = write(
        tmp_path / "arts.csv",
        "guid,site,headline,body,pub_date,link,category\n"
        'g1,rt.com,First,"Line one\nline two",2024-02-01 10:00,https://rt.com/1,world\n'
        'g2,tass.ru,Second,"Broken quote here,2024-02-02,,world\n'
        "g3,tass.ru,Third,Plain body text,2024-02-03,,politics\n"
        "g4,tass.ru,Fourth,too,many,fields,here,x,y\n",
    )
    corpus = load_corpus(path)
    arts = by_id(corpus)
    assert set(arts) == {"g1", "g3"}
    assert arts["g1"]["outlet"] == "rt.com"  # domain-like outlets stay as given
    assert arts["g1"]["text"] == "Line one\nline two"
    assert arts["g1"]["title"] == "First"
    assert arts["g1"]["url"] == "https://rt.com/1"
    assert arts["g1"]["published_at"] == pd.Timestamp("2024-02-01 10:00", tz="UTC")
    assert arts["g1"]["source_path"] == str(path)
    assert arts["g3"]["category"] == "politics"  # unmapped columns are kept
    assert [e for _, e in errors_of(corpus)] == ["bad_row", "bad_row"]
    messages = corpus.errors["message"].tolist()
    # g1's quoted text spans lines 2-3, so the broken g2 row starts on line 4
    assert messages[0].startswith("line 4:")
    assert messages[1].startswith("line 6:")


def test_csv_column_mapping_and_content_hash_ids(tmp_path: Path) -> None:
    frame = pd.DataFrame({"site": ["A", "B"], "story": ["First story.", "Second story."]})
    path = tmp_path / "t.csv"
    frame.to_csv(path, index=False)
    corpus = load_corpus(path, columns={"text": "story", "outlet": "site"})
    expected = hashlib.sha1(b"A\nFirst story.").hexdigest()[:16]
    assert corpus.articles["article_id"].tolist()[0] == expected
    assert corpus.articles["outlet"].tolist() == ["A", "B"]
    # reloading gives the same ids (deterministic)
    again = load_corpus(path, columns={"text": "story", "outlet": "site"})
    assert again.articles["article_id"].tolist() == corpus.articles["article_id"].tolist()


def test_folder_without_article_files_loads_its_tables(tmp_path: Path) -> None:
    write(tmp_path / "a.csv", "id;outlet;text\n1;A;Semicolon separated.\n")
    write(tmp_path / "sub" / "b.jsonl", json.dumps({"id": "2", "outlet": "B", "text": "J."}))
    write(tmp_path / "labels.csv", "id,label\n1,good\n")
    corpus = load_corpus(tmp_path)
    assert corpus.articles[["article_id", "outlet"]].values.tolist() == [["1", "A"], ["2", "B"]]
    assert corpus.errors.empty
    # with article files present, tables in the folder are not articles
    write(tmp_path / "c.txt", BODY_EN)
    assert by_id(load_corpus(tmp_path)).keys() == {"c"}


def test_table_without_text_column_is_an_error_row(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "a,b\n1,2\n")
    corpus = load_corpus(path)
    assert len(corpus) == 0
    assert errors_of(corpus) == [("t.csv", "no_text_column")]
    corpus = load_corpus(path, columns={"text": "nope"})
    assert errors_of(corpus) == [("t.csv", "missing_column")]


def test_tsv(tmp_path: Path) -> None:
    path = write(tmp_path / "t.tsv", "id\toutlet\ttext\n1\tA\tHello there.\n2\tB\tGood bye.\n")
    corpus = load_corpus(path)
    assert corpus.articles[["article_id", "outlet", "text"]].values.tolist() == [
        ["1", "A", "Hello there."],
        ["2", "B", "Good bye."],
    ]


def test_jsonl_with_a_bad_line(tmp_path: Path) -> None:
    records = [
        json.dumps({"id": "j1", "source": {"name": "Wire One"}, "content": "Alpha text."}),
        "{not json",
        json.dumps({"id": "j2", "media_name": "Wire Two", "content": "Beta text.", "x": 1}),
        json.dumps(["a list"]),
        json.dumps({"id": "j3", "content": ""}),
    ]
    path = write(tmp_path / "a.jsonl", "\n".join(records) + "\n")
    corpus = load_corpus(path)
    arts = by_id(corpus)
    assert set(arts) == {"j1", "j2"}
    assert arts["j1"]["outlet"] == "Wire One"
    assert arts["j2"]["outlet"] == "Wire Two"
    assert errors_of(corpus) == [
        ("a.jsonl", "bad_row"),
        ("a.jsonl", "bad_row"),
        ("a.jsonl", "empty"),
    ]
    assert corpus.errors["message"].str.extract(r"^line (\d+)")[0].tolist() == ["2", "4", "5"]


def test_json_list_and_ndjson(tmp_path: Path) -> None:
    data = [{"id": "k1", "outlet": "O", "text": "Hi."}, {"id": "k2", "outlet": "O", "text": "Yo."}]
    path = write(tmp_path / "a.json", json.dumps(data))
    assert by_id(load_corpus(path)).keys() == {"k1", "k2"}
    nd = write(tmp_path / "b.ndjson", "\n".join(json.dumps(d) for d in data))
    assert by_id(load_corpus(nd)).keys() == {"k1", "k2"}
    wrapped = write(tmp_path / "c.json", json.dumps({"articles": data, "count": 2}))
    assert by_id(load_corpus(wrapped)).keys() == {"k1", "k2"}
    bad = write(tmp_path / "d.json", "{broken")
    assert errors_of(load_corpus(bad)) == [("d.json", "bad_table")]


def test_parquet(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "article_id": ["p1", "p2"],
            "publisher": ["Wire", "Post"],
            "full_text": ["Parquet text one.", "Parquet text two."],
            "datetime": pd.to_datetime(["2024-01-01 12:00", "2024-01-02 08:00"]),
        }
    )
    path = tmp_path / "a.parquet"
    frame.to_parquet(path)
    corpus = load_corpus(path)
    arts = by_id(corpus)
    assert arts["p1"]["outlet"] == "Wire"
    assert arts["p2"]["published_at"] == pd.Timestamp("2024-01-02 08:00", tz="UTC")
    assert corpus.errors.empty
    bad = write(tmp_path / "b.parquet", b"PAR1 not really parquet")
    assert errors_of(load_corpus(bad)) == [("b.parquet", "bad_table")]


def test_duplicate_ids_in_a_table_are_renamed_and_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "d.csv", "id,text\nx,One.\nx,Two.\ny,Three.\n")
    corpus = load_corpus(path)
    assert corpus.articles["article_id"].tolist() == ["x", "x~2", "y"]
    assert corpus.articles["text"].tolist() == ["One.", "Two.", "Three."]
    assert [e for _, e in errors_of(corpus)] == ["duplicate_id"]
    with pytest.raises(LoadError) as info:
        load_corpus(path, errors="raise")
    assert info.value.error == "duplicate_id"


# --------------------------------------------------------------------------- zips


def make_zip(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return path


def test_zip_of_txt(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "bundle.zip",
        {
            "bundle/Wire A/z1.txt": BODY_EN,
            "bundle/Wire B/z2.txt": "Body of z2".encode("utf-16"),
            "bundle/README.txt": "about",
            "bundle/Wire B/empty.txt": b"",
            "bundle/Wire B/data.csv": "text\nignored when articles exist\n",
        },
    )
    corpus = load_corpus(archive)
    arts = by_id(corpus)
    assert set(arts) == {"z1", "z2"}
    assert arts["z1"]["outlet"] == "Wire A"  # the wrapping folder is the root
    assert arts["z2"]["outlet"] == "Wire B"
    assert arts["z2"]["encoding"] == "utf-16"
    assert arts["z1"]["source_path"] == f"{archive}!bundle/Wire A/z1.txt"
    # a table beside article files is not loaded, and says so
    assert errors_of(corpus) == [("data.csv", "skipped"), ("empty.txt", "empty")]
    assert corpus.skipped.values.tolist() == [[".txt", 1]]  # README.txt
    assert not list(tmp_path.glob("bundle")), "nothing is extracted"


def test_zip_of_csv(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "tables.zip",
        {
            "a.csv": "id,outlet,text\n1,A,One.\n2,A,Two.\n",
            "b.jsonl": json.dumps({"id": "3", "outlet": "B", "text": "Three."}),
        },
    )
    corpus = load_corpus(archive)
    assert sorted(corpus.articles["article_id"]) == ["1", "2", "3"]
    assert corpus.articles["source_path"].iloc[0] == f"{archive}!a.csv"


def test_zip_with_parent_and_absolute_members_refused(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "evil.zip",
        {"../escape.txt": BODY_EN, "/abs/root.txt": BODY_EN, "ok/fine.txt": BODY_EN},
    )
    corpus = load_corpus(archive)
    assert by_id(corpus).keys() == {"fine"}
    kinds = sorted(corpus.errors["error"])
    assert kinds == ["unsafe_path", "unsafe_path"]
    assert any("../escape.txt" in m for m in corpus.errors["message"])
    assert not (tmp_path.parent / "escape.txt").exists()


def test_zip_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    # 5 MB of zeros compresses to a few KB: a small bomb-like member
    archive = make_zip(tmp_path / "bomb.zip", {"big.txt": b"a" * 5_000_000, "s.txt": BODY_EN})
    assert archive.stat().st_size < 100_000
    corpus = load_corpus(archive, zip_max_total_bytes=1_000_000)
    assert len(corpus) == 0
    assert errors_of(corpus) == [("bomb.zip", "zip_limit")]
    # within the total limit, the per-file limit still applies to the member
    corpus = load_corpus(archive, max_file_bytes=1_000_000)
    assert by_id(corpus).keys() == {"s"}
    assert errors_of(corpus) == [("bomb.zip!big.txt", "too_large")]


def test_zip_member_count_limit_and_lying_header(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "many.zip", {f"m{i}.txt": BODY_EN for i in range(5)})
    corpus = load_corpus(archive, zip_max_members=3)
    assert len(corpus) == 0 and errors_of(corpus) == [("many.zip", "zip_limit")]
    # a member whose data inflates past the size its header declares is refused, never
    # read past that size
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("liar.txt", b"x" * 10_000)
        zf.writestr("honest.txt", BODY_EN)
    raw = bytearray(buf.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as zf:
        info = zf.getinfo("liar.txt")
    # patch the uncompressed size in the central directory (offset 24 of its record)
    central = raw.find(b"PK\x01\x02")
    while raw[central + 46 : central + 46 + 8] != b"liar.txt":
        central = raw.find(b"PK\x01\x02", central + 4)
    raw[central + 24 : central + 28] = (100).to_bytes(4, "little")
    assert info.file_size == 10_000
    liar = tmp_path / "liar.zip"
    liar.write_bytes(bytes(raw))
    corpus = load_corpus(liar)
    assert by_id(corpus).keys() == {"honest"}
    # zipfile stops inflating at the declared size, so the lie shows up as a bad CRC
    assert errors_of(corpus) == [("liar.zip!liar.txt", "unreadable")]
    assert "CRC" in corpus.errors["message"].iloc[0]


def test_not_a_zip(tmp_path: Path) -> None:
    path = write(tmp_path / "fake.zip", b"this is not a zip")
    assert errors_of(load_corpus(path)) == [("fake.zip", "unreadable")]


# --------------------------------------------------------------------------- HTML

#: A news page with scripts, styles and metadata (its text: tests/io/test_html.py).
PAGE = (Path(__file__).resolve().parent / "data" / "page.html").read_text("utf-8")


def test_html_outlet_fallbacks(tmp_path: Path) -> None:
    write(tmp_path / "t.htm", "<title>Floods recede slowly | Delta News</title><p>Body.</p>")
    write(
        tmp_path / "d.html",
        '<meta property="og:url" content="https://www.example-news.org/a"><p>Body two.</p>',
    )
    legacy = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    write(tmp_path / "r.html", f"<html><head>{legacy}</head><p>{BODY_RU}</p>", "cp1251")
    write(tmp_path / "blank.html", "<html><script>x</script></html>")
    corpus = load_corpus(tmp_path)
    arts = by_id(corpus)
    assert arts["t"]["outlet"] == "Delta News"
    assert arts["t"]["title"] == "Floods recede slowly"
    assert arts["d"]["outlet"] == "example-news.org"
    assert arts["r"]["text"] == BODY_RU
    assert arts["r"]["encoding"] == "cp1251"
    assert errors_of(corpus) == [("blank.html", "empty")]


# --------------------------------------------------------------------------- frames


def test_dataframe_source_is_not_mutated() -> None:
    frame = pd.DataFrame(
        {
            "domain": ["a.example", "b.example"],
            "content": ["Alpha.\r\nBeta", "Gamma"],
            "date": ["2024-01-01", None],
        }
    )
    before = frame.copy()
    corpus = load_corpus(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert corpus.articles["text"].tolist() == ["Alpha.\nBeta", "Gamma"]
    assert corpus.articles["outlet"].tolist() == ["a.example", "b.example"]
    assert corpus.source == "<DataFrame>"
    with pytest.raises(ValueError, match="no text column"):
        load_corpus(pd.DataFrame({"x": [1]}))


def test_corpus_round_trip_and_copy(tmp_path: Path) -> None:
    write(tmp_path / "O" / "a.txt", BODY_EN)
    write(tmp_path / "O" / "b.txt", BODY_RU, "cp1251")
    corpus = load_corpus(tmp_path)
    again = load_corpus(corpus.articles)
    pd.testing.assert_frame_equal(again.articles, corpus.articles)
    copied = load_corpus(corpus)
    assert copied is not corpus and copied.articles is not corpus.articles
    pd.testing.assert_frame_equal(copied.articles, corpus.articles)
    assert Corpus.from_frame(corpus.articles).outlets == ["O"]


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (BODY_EN + "“quoted” — dash", "utf-8", "utf-8"),
        (BODY_RU, "utf-8-sig", "utf-8-sig"),
        (BODY_RU, "utf-16", "utf-16"),
        (BODY_EN, "utf-16-le", "utf-16-le"),  # no BOM, detected from NUL pattern
        (BODY_RU, "utf-16-be", "utf-16-be"),  # no BOM, NULs only in the spaces
        (BODY_RU, "utf-32", "utf-32"),
        (BODY_RU, "cp1251", "cp1251"),
        ("Привет. Всё хорошо, спасибо!", "cp1251", "cp1251"),
        ("Новости дня. Погода: дождь.", "cp1251", "cp1251"),
        (BODY_RU, "koi8-r", "koi8-r"),
        (BODY_FR, "latin-1", "latin-1"),
        ("Ein schöner Tag in München – “super”.", "cp1252", "cp1252"),
    ],
)
def test_encodings(tmp_path: Path, text: str, codec: str, expected: str) -> None:
    write(tmp_path / "e.txt", text, codec)
    corpus = load_corpus(tmp_path)
    assert corpus.errors.empty, corpus.errors.to_dict("records")
    art = corpus.articles.iloc[0]
    assert art["text"] == text.replace("\r\n", "\n")
    assert art["encoding"] == expected
    assert not art["text"].startswith("\ufeff")


def test_text_is_normalised_but_nothing_removed(tmp_path: Path) -> None:
    write(tmp_path / "n.txt", "Cafe\u0301 line\r\nSecond\rThird\n\n\nSubscribe\n")
    art = load_corpus(tmp_path).articles.iloc[0]
    assert art["text"] == "Café line\nSecond\nThird\n\n\nSubscribe\n"


# --------------------------------------------------------------------------- bad input


def test_every_kind_of_bad_file_is_reported_and_the_rest_loads(tmp_path: Path) -> None:
    write(tmp_path / "good1.txt", BODY_EN)
    write(tmp_path / "sub" / "good2.txt", BODY_RU, "cp1251")
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "blank.txt", "  \n\n \t\n")
    write(tmp_path / "binary.txt", b"\x00\x01\x02\x03" * 100 + b"\xff\xd8\xff")
    write(tmp_path / "huge.txt", "word " * 400)
    write(tmp_path / "undecodable.txt", b"\xfe\xffab\x00")  # BOM then a broken tail
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "dangling.txt")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")  # a folder link back to the root
    corpus = load_corpus(tmp_path, max_file_bytes=1_000)
    assert by_id(corpus).keys() == {"good1", "good2"}
    found = dict(errors_of(corpus))
    assert found == {
        "empty.txt": "empty",
        "blank.txt": "empty",
        "binary.txt": "binary",
        "huge.txt": "too_large",
        "undecodable.txt": "undecodable",
        "dangling.txt": "unreadable",
        "loop": "symlink_loop",
    }
    assert corpus.errors["message"].str.len().gt(5).all()
    messages = dict(zip(corpus.errors["error"], corpus.errors["message"], strict=True))
    assert "max_file_bytes=1,000" in str(messages["too_large"])


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "ok.txt", BODY_EN)
    locked = write(tmp_path / "locked.txt", BODY_EN)
    real_open = open

    def fake_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", fake_open)
    corpus = load_corpus(tmp_path)
    assert by_id(corpus).keys() == {"ok"}
    assert errors_of(corpus) == [("locked.txt", "unreadable")]
    assert "permission denied" in corpus.errors["message"].iloc[0]


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads all")
def test_chmod_000_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "ok.txt", BODY_EN)
    locked = write(tmp_path / "locked.txt", BODY_EN)
    locked.chmod(0)
    try:
        corpus = load_corpus(tmp_path)
    finally:
        locked.chmod(0o644)
    assert errors_of(corpus) == [("locked.txt", "unreadable")]


def test_errors_raise(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", BODY_EN)
    write(tmp_path / "b.txt", b"")
    with pytest.raises(LoadError) as info:
        load_corpus(tmp_path, errors="raise")
    assert info.value.error == "empty"
    assert info.value.source_path.endswith("b.txt")
    assert "empty" in str(info.value)
    bad_csv = write(tmp_path / "t.csv", 'id,text\n1,"open\n')
    with pytest.raises(LoadError, match="bad_row"):
        load_corpus(bad_csv, errors="raise")


def test_caller_mistakes_raise(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        load_corpus(tmp_path / "nope")
    odd = write(tmp_path / "x.docx", b"PK")
    with pytest.raises(ValueError, match=r"unsupported file type '\.docx'"):
        load_corpus(odd)
    with pytest.raises(TypeError, match="source must be"):
        load_corpus(42)
    with pytest.raises(ValueError, match="errors must be"):
        load_corpus(tmp_path, errors="ignore")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown key"):
        load_corpus(tmp_path, columns={"body": "text"})


def test_source_folder_is_unchanged(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write(src / "O" / "a.txt", BODY_EN)
    write(src / "b.html", PAGE)
    write(src / "c.txt", b"")
    write(src / "manifest.csv", "path,outlet\nb.html,X\n")
    make_zip(src / "z.zip", {"z/q.txt": BODY_EN})
    before = snapshot(tmp_path)
    load_corpus(src)
    load_corpus(src / "z.zip")
    assert snapshot(tmp_path) == before


def test_single_txt_file(tmp_path: Path) -> None:
    path = write(tmp_path / "one.txt", "Story title | Hill Times\n\n" + BODY_EN)
    corpus = load_corpus(path)
    assert by_id(corpus)["one"]["outlet"] == "Hill Times"
    assert corpus.source == str(path)
    assert errors_of(load_corpus(write(tmp_path / "e.txt", b""))) == [("e.txt", "empty")]


# --------------------------------------------------------------------------- ids


def test_ids_unique_when_stems_collide(tmp_path: Path) -> None:
    write(tmp_path / "A" / "000_abc.txt", BODY_EN)
    write(tmp_path / "B" / "000_abc.txt", BODY_EN + "b")
    write(tmp_path / "B" / "000_abc.html", "<p>Html twin</p>")
    corpus = load_corpus(tmp_path)
    ids = corpus.articles["article_id"].tolist()
    assert len(ids) == 3 and len(set(ids)) == 3
    assert ids[0] == "000_abc"
    assert "000_abc@B" in ids
    assert load_corpus(tmp_path).articles["article_id"].tolist() == ids  # deterministic


# --------------------------------------------------------------------------- display


def test_repr_and_html_escape_scraped_strings() -> None:
    frame = pd.DataFrame(
        {
            "outlet": ["<script>alert(1)</script>", "Plain", "Plain"],
            "text": ["a", "b", "c"],
        }
    )
    corpus = Corpus.from_frame(frame, source="<b>src</b>")
    text = repr(corpus)
    assert "3 articles" in text and "2 outlets" in text and "Plain: 2" in text
    page = corpus._repr_html_()
    assert "<script>" not in page and "<b>src</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;src&lt;/b&gt;" in page
    assert "3 articles" in page


def test_summary_per_outlet(tmp_path: Path) -> None:
    frame = pd.DataFrame({"outlet": ["A", "B", "A"], "text": ["abc", "de", "f"]})
    summary = Corpus.from_frame(frame).summary()
    assert summary[["outlet", "n_articles", "n_chars_total"]].values.tolist() == [
        ["A", 2, 4],
        ["B", 1, 2],
    ]
    assert summary["n_chars_mean"].tolist() == [2.0, 2.0]


def test_progress_bar_goes_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(3):
        write(tmp_path / f"{i}.txt", BODY_EN + str(i))
    load_corpus(tmp_path, progress=True)
    err = capsys.readouterr().err
    assert "3/3" in err
    load_corpus(tmp_path, progress=False)
    assert capsys.readouterr().err == ""


# --------------------------------------------------------------------------- properties


def test_as_articles_parses_mixed_date_strings_to_utc():
    from toolkit.schema import as_articles

    arts = pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "d"],
            "outlet": ["X"] * 4,
            "text": ["t"] * 4,
            "published_at": ["2024-01-02", "2024-01-03T10:00:00+03:00", "not a date", None],
        }
    )
    got = as_articles(arts)["published_at"]
    assert str(got.dtype) == "datetime64[ns, UTC]"
    assert got[0] == pd.Timestamp("2024-01-02", tz="UTC")
    assert got[1] == pd.Timestamp("2024-01-03 07:00", tz="UTC")
    assert got[2:].isna().all()
