"""Debian's Chromium driven by Playwright, offline: shared by the browser tests, the README
screenshot and the HTML load benchmark. Never downloads a browser."""

from __future__ import annotations

import contextlib
import os
import shutil

CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str | None:
    return os.environ.get("DIPLOGRAPH_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@contextlib.contextmanager
def offline_page(width: int = 1280, height: int = 800, allow: tuple[str, ...] = ()):
    """A page in a fresh context whose every non-file request is aborted and recorded in
    ``page.blocked`` (the list of URLs the page tried to load), except requests to the
    ``allow`` prefixes (a server of the test on 127.0.0.1)."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise RuntimeError("Chromium not found: install Debian's chromium (.ci/install-chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            blocked: list[str] = []

            def route(r):
                if r.request.url.startswith(("file:", "data:", "blob:", "about:", *allow)):
                    r.continue_()
                else:
                    blocked.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.blocked = blocked
            yield page
        finally:
            browser.close()
