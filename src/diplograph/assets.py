"""Assets: the static files the web pages load, shipped in the package (``diplograph/static``)
and served by ``diplograph serve`` under ``/static/``, so the pages need no network.

Only files listed in :data:`STATIC` are served (a request names a key of the table, never
a path on disk). Each answer carries an ETag; a matching ``If-None-Match`` gets a 304.

    >>> status, ctype, body, headers = static_response("yasgui/yasgui.min.js")
    >>> status, ctype, len(body) > 500_000, headers["ETag"].startswith('"')
    (200, 'text/javascript; charset=utf-8', True, True)
    >>> static_response("../serve.py")[0]
    404
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources

STATIC = {
    "yasgui/yasgui.min.js": "text/javascript; charset=utf-8",
    "yasgui/yasgui.min.css": "text/css; charset=utf-8",
    "yasgui/LICENSE": "text/plain; charset=utf-8",
    "yasgui/SOURCE.json": "application/json",
    "dyadchart.js": "text/javascript; charset=utf-8",
}


@cache
def static_file(name: str) -> bytes:
    """The bytes of one listed static file (KeyError for any other name)."""
    if name not in STATIC:
        raise KeyError(name)
    return resources.files("diplograph").joinpath("static", *name.split("/")).read_bytes()


@cache
def _etag(name: str) -> str:
    return '"' + hashlib.sha256(static_file(name)).hexdigest()[:20] + '"'


def static_response(name: str, if_none_match: str | None = None) -> tuple[int, str, bytes, dict[str, str]]:
    """(status, content type, body, headers) for ``/static/<name>``."""
    if name not in STATIC:
        return 404, "text/plain; charset=utf-8", b"no such static file", {}
    headers = {"ETag": _etag(name), "Cache-Control": "public, max-age=3600"}
    if if_none_match and _etag(name) in [t.strip() for t in if_none_match.split(",")]:
        return 304, STATIC[name], b"", headers
    return 200, STATIC[name], static_file(name), headers


def yasgui_source() -> dict:
    """Where the bundled YASGUI came from: package, version, licence, checksums."""
    return json.loads(static_file("yasgui/SOURCE.json"))
