"""Fetch the YASGUI bundle from the npm registry into the package (``make yasgui``).

The query page of ``diplograph serve`` loads YASGUI from the package itself, so an installed
diplograph never needs the network; this script is how the committed copy is made and updated.
It runs ``npm pack`` (npm checks the tarball's integrity), copies the two built files into
``src/diplograph/static/yasgui/`` unchanged and records where they came from in ``SOURCE.json``.

Usage: .venv/bin/python tools/update_yasgui.py [--version 4.6.2]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@zazuko/yasgui"
FILES = ("yasgui.min.js", "yasgui.min.css")
TARGET = Path(__file__).resolve().parents[1] / "src" / "diplograph" / "static" / "yasgui"


def update(version: str, target: Path = TARGET) -> dict:
    if shutil.which("npm") is None:
        raise SystemExit("npm not found: install Node.js and npm (apt-get install npm) to update the bundle")
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(["npm", "pack", f"{PACKAGE}@{version}", "--json", "--pack-destination", tmp],
                             check=True, capture_output=True, text=True, cwd=tmp).stdout
        info = json.loads(out)[0]
        with tarfile.open(Path(tmp) / info["filename"]) as tar:
            manifest = json.load(tar.extractfile("package/package.json"))
            target.mkdir(parents=True, exist_ok=True)
            hashes = {}
            for name in FILES:
                data = tar.extractfile(f"package/build/{name}").read()
                (target / name).write_bytes(data)
                hashes[name] = hashlib.sha256(data).hexdigest()
    source = {
        "package": PACKAGE,
        "version": info["version"],
        "license": manifest["license"],
        "author": manifest.get("author"),
        "repository": manifest.get("repository", {}).get("url"),
        "tarball_integrity": info["integrity"],
        "files_sha256": hashes,
        "updated_with": "make yasgui (tools/update_yasgui.py)",
    }
    (target / "SOURCE.json").write_text(json.dumps(source, indent=1) + "\n", encoding="utf-8")
    return source


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", default="4.6.2", help="the npm version of @zazuko/yasgui to fetch")
    args = parser.parse_args()
    print(json.dumps(update(args.version), indent=1))
