"""Ingest: turn files, folders, JSONL and stdin into a stream of Documents.

Formats: ``.txt``/``.md`` (first line is the title when more lines follow;
optional ``key: value`` lines right after it for date, url, source, id),
``.html``/``.htm`` (main text only, via trafilatura), ``.jsonl`` (one document
a line: ``id``, ``text``, optional ``title``, ``date``, ``url``, ``source``),
folders (recursively) and ``-`` for stdin. Unreadable inputs are reported in
``report`` and skipped; the rest is processed.

    >>> report = IngestReport()
    >>> [d.title for d in read_text_document("Egypt condemns Turkey\\n\\nEgypt condemned Turkey.", "d1")]
    ['Egypt condemns Turkey']
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .model import Document

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
METADATA_KEYS = ("date", "url", "source", "id", "title")

# Datelines ("BEIJING (Reuters) -", "MINSK, Feb 28 (AP) —") open the body; bylines
# ("-al jazeera", "By Jane Doe") close or open it. Both are kept for offsets, never read.
DATELINE = re.compile(r"[ \t]*[A-Z][A-Z .,'’/-]{1,60}(?:,[^\n()]{1,30})?(?:\s*\([^)\n]{1,40}\))?\s*[-–—]+[ \t]+")
BYLINE = re.compile(r"^[ \t]*(?:[-–—]+[ \t]*[\w .’'&]{1,40}|By [A-Z][\w.’' -]{1,60})[ \t]*$", re.MULTILINE)
SPEAKER_LABEL = re.compile(r"\(\([^()\n]{1,24}\)\)")  # "((WN))", "((hi))": who speaks in an interview, a language tag
METADATA_LINE = re.compile(r"^(%s)[ \t]*:[ \t]*(.*?)[ \t]*$" % "|".join(METADATA_KEYS), re.IGNORECASE)


@dataclass
class IngestError:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class IngestReport:
    """What was read and what was skipped (with path, line and reason)."""

    documents: int = 0
    errors: list[IngestError] = field(default_factory=list)

    def skip(self, path: str, message: str, line: int | None = None) -> None:
        self.errors.append(IngestError(str(path), line, message))


class InputError(ValueError):
    """An input argument that names nothing readable."""


BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode(data: bytes) -> str:
    r"""Text from bytes: UTF-8 (with or without a byte-order mark), or UTF-16/32 with one.
    Raises ValueError saying what the bytes are and how to convert them.

        >>> decode("Kyiv".encode("utf-16"))
        'Kyiv'
        >>> decode(b"\xff\xfeK\x00y\x00\xff\xdb")
        Traceback (most recent call last):
        ...
        ValueError: not valid UTF-16 at byte 6; convert it with `iconv -f UTF-16 -t UTF-8`
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                name = encoding.upper()
                raise ValueError(f"not valid {name} at byte {exc.start}; convert it with `iconv -f {name} -t UTF-8`") from None
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (NUL bytes), not text; if it is UTF-16 or UTF-32 text without a byte-order mark, "
                         "convert it with `iconv -f UTF-16 -t UTF-8`")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 at byte {exc.start}; convert it with `iconv -t UTF-8`") from None


def jsonl_lines(text: str) -> list[str]:
    r"""The lines of a JSONL text: split at line feeds only (JSON strings may hold U+2028, U+0085
    and other characters ``str.splitlines`` would split at).

        >>> jsonl_lines('{"text": "a\u2028b"}\r\n{"text": "c"}')
        ['{"text": "a\u2028b"}', '{"text": "c"}']
    """
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


def _unencodable(value) -> bool:
    """A string holding lone surrogates (JSON ``"\\ud800"``), which no UTF-8 output can hold."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
    return False


def mark_boilerplate(doc: Document, body_start: int = 0) -> None:
    """Add dateline and byline spans of the body to ``doc.skip``: bylines that open or close the
    body, a dateline at its start or right after an opening byline, and interview speaker labels
    ("((WN))")."""
    while body_start < len(doc.text) and doc.text[body_start].isspace():
        body_start += 1
    dateline_at = body_start
    for m in BYLINE.finditer(doc.text, body_start):
        if m.start() == body_start or doc.text[m.end() :].strip() == "":
            doc.skip.append((m.start(), m.end()))
            if m.start() == body_start:
                dateline_at = m.end()
                while dateline_at < len(doc.text) and doc.text[dateline_at].isspace():
                    dateline_at += 1
    m = DATELINE.match(doc.text, dateline_at)
    if m:
        place = re.split(r"[,(]", m.group(0))[0].strip(" -–—\t")  # "MINSK, Feb 28 (AP) —": the place is capitals
        if place.isupper():
            doc.skip.append((m.start(), m.end()))
    for m in SPEAKER_LABEL.finditer(doc.text, body_start):  # "((WN))" before an interviewer's question
        doc.skip.append((m.start(), m.end()))


def read_text_document(text: str, doc_id: str, path: str | None = None) -> Iterator[Document]:
    """A plain-text or Markdown article: title line, optional metadata lines, body."""
    doc = Document(id=doc_id, text=text, path=path)
    lines = text.splitlines(keepends=True)
    body_start = 0
    nonblank = [line for line in lines if line.strip()]
    if len(nonblank) > 1:
        first = lines[0] if lines[0].strip() else next(line for line in lines if line.strip())
        doc.title = first.strip().lstrip("#").strip()
        body_start = text.index(first) + len(first)
        # metadata block: key: value lines after the title (blank lines allowed around it)
        pos = body_start
        meta_start = None
        for line in text[body_start:].splitlines(keepends=True):
            m = METADATA_LINE.match(line.strip())
            if m:
                meta_start = pos if meta_start is None else meta_start
                setattr(doc, m.group(1).lower(), m.group(2) or None)
            elif line.strip():
                break
            pos += len(line)
        if meta_start is not None:
            doc.skip.append((meta_start, pos))
            body_start = pos
    mark_boilerplate(doc, body_start)
    yield doc


def read_html_document(html: str, doc_id: str, path: str | None = None) -> Iterator[Document]:
    """An HTML page: main text, title, date and URL (trafilatura)."""
    import trafilatura

    result = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True, include_comments=False)
    text = (result.text if result else "") or ""
    if len(text.split()) < 8:  # a menu or a title alone is no article
        raise ValueError("no article text found in the HTML (fewer than 8 words of main text)")
    title = result.title
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    for doc in read_text_document(text, doc_id, path):
        doc.date = doc.date or result.date
        doc.url = doc.url or result.url
        doc.source = doc.source or result.sitename
        yield doc


def read_jsonl(lines: Iterable[str], path: str, report: IngestReport) -> Iterator[Document]:
    """One document a line; malformed lines are reported with their number and skipped."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            report.skip(path, f"malformed JSON ({exc.msg} at column {exc.colno})", number)
            continue
        except RecursionError:
            report.skip(path, "JSON nested too deeply to read", number)
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            report.skip(path, 'not an object with a non-empty "text" string', number)
            continue
        meta = {k: record.get(k) for k in ("title", "date", "url", "source", "id")}
        bad = [k for k, v in meta.items() if v is not None and not isinstance(v, (str, int, float))]
        if bad:
            report.skip(path, f"{', '.join(bad)} must be text, not {type(meta[bad[0]]).__name__}", number)
            continue
        broken = [k for k, v in {"text": record["text"], **meta}.items() if _unencodable(v)]
        if broken:
            report.skip(path, f"{', '.join(broken)} holds an unpaired surrogate (such as \\ud800), which is no character", number)
            continue
        meta = {k: (str(v) if v is not None else None) for k, v in meta.items()}
        try:
            date = iso_date(meta["date"])
        except ValueError as exc:
            report.skip(path, str(exc), number)
            continue
        doc_id = meta["id"] or f"{Path(path).stem}-{number}"
        doc = Document(
            id=doc_id,
            text=record["text"],
            title=meta["title"],
            date=date,
            url=meta["url"],
            source=meta["source"],
            path=f"{path}:{number}",
        )
        mark_boilerplate(doc, 0)
        yield doc


def iso_date(value) -> str | None:
    """A date as ISO ``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``); None for no date. Raises
    ValueError for a value that is no date, so it never reaches the RDF as a broken ``xsd:date``.

        >>> iso_date("3 March 2020"), iso_date("2020-02")
        ('2020-03-03', '2020-02')
        >>> iso_date("2020-13-45")
        Traceback (most recent call last):
        ...
        ValueError: date '2020-13-45' is not a date; write it as YYYY-MM-DD
    """
    if value is None or str(value).strip() == "":
        return None
    import datetime

    from dateutil import parser as dateparser

    text = str(value).strip()
    problem = ValueError(f"date {text!r} is not a date; write it as YYYY-MM-DD")
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if match:
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            datetime.date(year, month or 1, day or 1)
        except ValueError:
            raise problem from None
        return text
    try:
        return dateparser.parse(text).date().isoformat()
    except (ValueError, OverflowError, TypeError):
        raise problem from None


def _read_file(path: Path, doc_id: str, report: IngestReport) -> Iterator[Document]:
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.skip(str(path), f"cannot read: {exc.strerror}")
        return
    try:
        text = decode(data)
    except ValueError as exc:
        report.skip(str(path), str(exc))
        return
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(jsonl_lines(text), str(path), report)
        return
    try:
        reader = read_html_document if suffix in HTML_SUFFIXES else read_text_document
        docs = list(reader(text, doc_id, str(path)))
    except ValueError as exc:
        report.skip(str(path), str(exc))
        return
    for doc in docs:
        if not doc.text.strip():
            report.skip(str(path), "empty file")
            continue
        try:
            doc.date = iso_date(doc.date)
        except ValueError as exc:
            report.skip(str(path), str(exc))
            continue
        yield doc


def _read_stdin(report: IngestReport) -> Iterator[Document]:
    if sys.stdin is None or sys.stdin.closed:
        report.skip("<stdin>", "standard input is closed; give the input with `< FILE` or a pipe")
        return
    data = sys.stdin.buffer.read()
    try:
        text = decode(data)
    except ValueError as exc:
        report.skip("<stdin>", str(exc))
        return
    if text.lstrip().startswith("{"):
        yield from read_jsonl(jsonl_lines(text), "<stdin>", report)
    elif text.strip():
        for doc in read_text_document(text, "stdin"):
            try:
                doc.date = iso_date(doc.date)
            except ValueError as exc:
                report.skip("<stdin>", str(exc))
                continue
            yield doc
    else:
        report.skip("<stdin>", "no input on stdin")


def check_inputs(inputs: Iterable[str]) -> None:
    """Raise :class:`InputError` for an argument that is neither a file, a folder nor ``-``."""
    from .fetch import is_url

    for name in inputs:
        if name != "-" and not is_url(name) and not Path(name).exists():
            raise InputError(f"{name}: no such file or folder (give article files, folders, .jsonl files, "
                             "http(s) URLs of articles or feeds, or - for stdin)")


def read_documents(inputs: Iterable[str], report: IngestReport | None = None, fetch=None) -> Iterator[Document]:
    """Stream Documents from files, folders (recursively), JSONL files, ``-`` (stdin) and
    http(s) URLs of articles and feeds (fetched as ``fetch``, a :class:`~diplograph.fetch.FetchOptions`, says).

    Document ids: the JSONL ``id``; a file's stem; inside a folder, the path
    relative to it without suffix; for a URL, host and path (:func:`~diplograph.fetch.url_id`).
    """
    from .fetch import Fetcher, FetchOptions, is_url

    report = report if report is not None else IngestReport()
    seen: dict[str, str] = {}
    fetcher = None
    for name in inputs:
        if name == "-":
            docs: Iterable[Document] = _read_stdin(report)
        elif is_url(name):
            fetcher = fetcher or Fetcher(fetch or FetchOptions())
            docs = fetcher.read(name, report)
        elif _unencodable(name):
            report.skip(printable_path(name), "the file name is not UTF-8; rename it (e.g. with `convmv -t UTF-8`)")
            continue
        else:
            path = Path(name)
            if path.is_dir():
                docs = _read_folder(path, report)
            elif path.is_file():
                docs = _read_file(path, path.stem, report)
            else:
                report.skip(name, "no such file or folder")
                continue
        for doc in docs:
            where = doc.path or name
            if doc.id in seen:
                # two files with one name: the later one is known by its path instead
                alternative = Path(doc.path).with_suffix("").as_posix() if doc.path and ":" not in doc.path else None
                if alternative is None or alternative in seen:
                    report.skip(where, f"document id {doc.id!r} is already used by {seen[doc.id]}; give each document its own id")
                    continue
                doc.id = alternative
            seen[doc.id] = where
            report.documents += 1
            yield doc


def printable_path(path) -> str:
    """A path as text even when its name is not UTF-8 (undecodable bytes shown as ``\\xNN``)."""
    import os

    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _read_folder(root: Path, report: IngestReport) -> Iterator[Document]:
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        if _unencodable(str(path)):  # a name in another encoding: it cannot become a document id
            report.skip(printable_path(path), "the file name is not UTF-8; rename it (e.g. with `convmv -t UTF-8`)")
            continue
        if path.suffix.lower() not in SUFFIXES:
            continue
        if path.name.lower() == "readme.md":
            continue
        doc_id = path.relative_to(root).with_suffix("").as_posix()
        yield from _read_file(path, doc_id, report)


def batches(items, size: int, chars: int, length=lambda item: len(item.text)):
    """Groups of consecutive items, at most ``size`` of them and ``chars`` characters (a longer
    item alone); ``length`` gives an item's characters (default: its ``text``'s).

        >>> [len(b) for b in batches(["aa", "bb", "cccc", "d"], size=3, chars=4, length=len)]
        [2, 1, 1]
    """
    batch, held = [], 0
    for item in items:
        n = length(item)
        if batch and (len(batch) >= size or held + n > chars):
            yield batch
            batch, held = [], 0
        batch.append(item)
        held += n
    if batch:
        yield batch
