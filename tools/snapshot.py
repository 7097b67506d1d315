"""The output snapshot: what diplograph extracts and builds from a fixed set of inputs.

``tests/snapshot/`` holds, for every gold file in ``../shared/eval/``, every
``benchmarks/data/*.jsonl`` and ``examples/articles``, the ``diplograph extract --format jsonl``
output, and the six files of ``diplograph build`` on the seed article and on the sample articles.
``tests/test_snapshot.py`` rebuilds them and compares byte for byte, so a refactoring can show it
changes nothing, and a change of behaviour shows up as a diff to review before it is accepted.

Texts from ``../shared`` (the seed article, Wikinews gold files) are not copied into the
repository: outputs made from them are recorded by SHA-256 in ``SHA256SUMS`` (exact, byte for
byte) and, for review, as their relation records with ``sentence`` and ``title`` replaced by a
digest. Outputs of the team's own texts are stored whole.

    python tools/snapshot.py            # check: exit 1 and print the first differences
    python tools/snapshot.py --write    # regenerate tests/snapshot/ (what `make snapshot` runs)

The one liberty taken with the bytes: a line over 100,000 characters (the vis-network library
inlined into the HTML page) is stored as its length and SHA-256, which still changes when any of
its bytes does.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SNAPSHOT = ROOT / "tests" / "snapshot"
SEED = SHARED / "seeds" / "000_0d735557f46a095c.txt"
LONG_LINE = 100_000


REDACTED = ("sentence", "title")


def inputs() -> dict[str, Path]:
    """Snapshot name -> input for ``extract`` (gold files, the team's sets, the sample articles)."""
    named = {f"shared-{p.stem}": p for p in sorted((SHARED / "eval").glob("*.jsonl"))}
    named.update({f"bench-{p.stem}": p for p in sorted((ROOT / "benchmarks" / "data").glob("*.jsonl"))})
    named["examples"] = ROOT / "examples" / "articles"
    return named


def _digest_long_lines(data: bytes) -> bytes:
    lines = data.split(b"\n")
    return b"\n".join(
        f"<<{len(line)} bytes, sha256 {hashlib.sha256(line).hexdigest()}>>".encode() if len(line) > LONG_LINE else line
        for line in lines)


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()[:16]


def _redact(jsonl: bytes) -> bytes:
    """Relation records with the texts of ``../shared`` replaced by their digests."""
    out = []
    for line in jsonl.decode("utf-8").splitlines():
        record = json.loads(line)
        for key in REDACTED:
            if isinstance(record.get(key), str):
                record[key] = _digest(record[key].encode("utf-8"))
        out.append(json.dumps(record, ensure_ascii=False) + "\n")
    return "".join(out).encode("utf-8")


def generate(out: Path, workers: int = 1) -> None:
    """Write the whole snapshot into the folder ``out`` (created if needed), parsing with
    ``workers`` processes (the outputs are the same for any number)."""
    from diplograph import api

    sums = {}

    def record(name: str, data: bytes, shared: bool) -> None:
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if shared:
            sums[name] = hashlib.sha256(data).hexdigest()
            if name.endswith(".jsonl"):
                path.write_bytes(_redact(data))
        else:
            path.write_bytes(_digest_long_lines(data))

    for name, path in inputs().items():
        lines = [json.dumps(rel.to_dict(), ensure_ascii=False) + "\n" for rel in api.extract([str(path)], workers=workers)]
        record(f"extract/{name}.jsonl", "".join(lines).encode("utf-8"), SHARED in path.parents)
    for name, path in (("seed", SEED), ("examples", ROOT / "examples" / "articles")):
        with tempfile.TemporaryDirectory() as tmp:
            result = api.build([str(path)], Path(tmp) / name, progress=False, workers=workers)
            for built in sorted(result.paths.values()):
                record(f"build/{built.name}", built.read_bytes(), SHARED in path.parents)
    (out / "SHA256SUMS").write_text("".join(f"{digest}  {name}\n" for name, digest in sorted(sums.items())))


def differences(expected: Path, actual: Path, context: int = 2, limit: int = 60) -> list[str]:
    """Unified diffs (at most ``limit`` lines) of the files that differ between two snapshots."""
    names = sorted({p.relative_to(expected) for p in expected.rglob("*") if p.is_file()}
                   | {p.relative_to(actual) for p in actual.rglob("*") if p.is_file()})
    out: list[str] = []
    for name in names:
        a, b = expected / name, actual / name
        if not a.exists() or not b.exists():
            out.append(f"{name}: {'missing from the snapshot' if not a.exists() else 'no longer produced'}")
            continue
        if a.read_bytes() == b.read_bytes():
            continue
        diff = difflib.unified_diff(a.read_text(encoding="utf-8").splitlines(), b.read_text(encoding="utf-8").splitlines(),
                                    f"snapshot/{name}", f"now/{name}", n=context, lineterm="")
        out.extend(line[:400] for line in diff)
    return out[:limit] + ([f"... ({len(out) - limit} more diff lines)"] if len(out) > limit else [])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="regenerate tests/snapshot/ instead of checking it")
    args = parser.parse_args(argv)
    if not SEED.exists():
        print(f"{SHARED} not found: the snapshot reads the seed and gold files from there", file=sys.stderr)
        return 2
    if args.write:
        with tempfile.TemporaryDirectory() as tmp:
            generate(Path(tmp))
            changed = differences(SNAPSHOT, Path(tmp), limit=10**9) if SNAPSHOT.exists() else []
            import shutil

            shutil.rmtree(SNAPSHOT, ignore_errors=True)
            shutil.copytree(tmp, SNAPSHOT)
        print(f"wrote {SNAPSHOT.relative_to(ROOT)} ({sum(1 for line in changed if line.startswith(('+', '-')) and not line.startswith(('+++', '---')))} changed lines); review it with `git diff {SNAPSHOT.relative_to(ROOT)}`")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp))
        diff = differences(SNAPSHOT, Path(tmp))
    print("\n".join(diff) if diff else "snapshot unchanged")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
