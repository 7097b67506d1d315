"""Ingest: txt/md titles and metadata, HTML main text, JSONL, folders, stdin, bad input."""

import io
import json
import sys

import pytest

from diplograph.ingest import IngestReport, InputError, check_inputs, read_documents


def read(paths):
    report = IngestReport()
    docs = list(read_documents([str(p) for p in paths], report))
    return docs, report


def test_text_title_and_metadata(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Egypt condemns Turkey\n\ndate: 2020-01-10\nurl: https://example.org/a\n\nEgypt condemned Turkey.\n", encoding="utf-8")
    (doc,), report = read([p])
    assert doc.id == "a" and doc.title == "Egypt condemns Turkey"
    assert doc.date == "2020-01-10" and doc.url == "https://example.org/a"
    assert not report.errors
    meta_start = doc.text.index("date:")
    assert doc.in_skip(meta_start, meta_start + 5)


def test_title_without_blank_line_and_single_line(tmp_path):
    (tmp_path / "b.md").write_text("# Headline\nBody sentence.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Only one line here.", encoding="utf-8")
    docs, _ = read([tmp_path / "b.md", tmp_path / "c.txt"])
    assert [d.title for d in docs] == ["Headline", None]


def test_dateline_and_byline_are_skipped(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text("Title\n\nBEIJING (Reuters) - China criticised Japan.\n-al jazeera\n", encoding="utf-8")
    (doc,), _ = read([p])
    start = doc.text.index("BEIJING")
    assert doc.in_skip(start, start + 7)
    by = doc.text.index("-al jazeera")
    assert doc.in_skip(by, by + len("-al jazeera"))
    assert not doc.in_skip(doc.text.index("China"), doc.text.index("China") + 5)


@pytest.mark.parametrize("dateline", ["NEW DELHI/ISLAMABAD (Reuters) - ", "KYIV, March 3 (AP) — ", "SANAA, Yemen - "])
def test_wire_datelines(tmp_path, dateline):
    p = tmp_path / "w.jsonl"
    p.write_text(json.dumps({"id": "w", "text": dateline + "Pakistan said it had shot down two Indian jets."}) + "\n", encoding="utf-8")
    (doc,), _ = read([p])
    assert doc.skip and doc.skip[0] == (0, len(dateline))


def test_html_main_text(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><title>Egypt condemns Turkey</title>"
        '<meta property="article:published_time" content="2020-01-10"></head>'
        "<body><nav>Home | World | Sport</nav><article><h1>Egypt condemns Turkey</h1>"
        "<p>Egypt condemned Turkey on Wednesday over its drilling operations in the eastern Mediterranean.</p>"
        "<p>Greece and Cyprus also criticised Ankara in a joint statement.</p></article>"
        "<footer>Copyright 2020</footer></body></html>",
        encoding="utf-8",
    )
    (doc,), report = read([p])
    assert "Egypt condemned Turkey" in doc.text and "Copyright" not in doc.text and "Home |" not in doc.text
    assert doc.title == "Egypt condemns Turkey" and doc.date == "2020-01-10"


def test_jsonl_with_bad_lines_reports_and_continues(tmp_path):
    p = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": "x1", "text": "Egypt condemned Turkey.", "date": "10 January 2020", "title": "T"}),
        "{not json",
        json.dumps({"id": "x3"}),
        json.dumps({"id": "x4", "text": "Greece criticised Turkey."}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, report = read([p])
    assert [d.id for d in docs] == ["x1", "x4"]
    assert docs[0].date == "2020-01-10"
    assert [(e.line, e.path) for e in report.errors] == [(2, str(p)), (3, str(p))]


def test_folder_recursion_binary_and_encoding(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text("Egypt condemned Turkey.", encoding="utf-8")
    (tmp_path / "two.txt").write_bytes("Caf\xe9 diplomacy".encode("latin-1"))
    (tmp_path / "three.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    docs, report = read([tmp_path])
    assert [d.id for d in docs] == ["sub/one"]
    messages = {e.path.rsplit("/", 1)[-1]: e.message for e in report.errors}
    assert "UTF-8" in messages["two.txt"] and "binary" in messages["three.txt"]
    assert "image.png" not in messages


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Egypt condemned Turkey.")))
    docs = list(read_documents(["-"]))
    assert docs[0].id == "stdin" and docs[0].text == "Egypt condemned Turkey."


def test_missing_input_is_an_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        check_inputs([str(tmp_path / "nope.txt")])


def test_documents_are_streamed(tmp_path):
    p = tmp_path / "big.jsonl"
    p.write_text("\n".join(json.dumps({"id": str(i), "text": "x"}) for i in range(1000)), encoding="utf-8")
    stream = read_documents([str(p)])
    assert next(stream).id == "0"  # a generator: nothing forces the whole corpus into memory
