"""The outputs stay as recorded in tests/snapshot/ (see tools/snapshot.py; `make snapshot` regenerates)."""

from __future__ import annotations

from pathlib import Path

from support import need_shared


def test_outputs_match_the_snapshot(tmp_path: Path):
    need_shared()
    import snapshot

    snapshot.generate(tmp_path)
    diff = snapshot.differences(snapshot.SNAPSHOT, tmp_path)
    assert not diff, "outputs differ from tests/snapshot/ (if on purpose: `make snapshot`, then review the diff):\n" + "\n".join(diff)


def test_differences_name_what_changed(tmp_path: Path):
    old, new = tmp_path / "old", tmp_path / "new"
    for folder, text in ((old, "a\nb\n"), (new, "a\nc\n")):
        (folder / "extract").mkdir(parents=True)
        (folder / "extract" / "x.jsonl").write_text(text)
    (new / "extract" / "y.jsonl").write_text("z\n")
    import snapshot

    diff = snapshot.differences(old, new)
    assert "-b" in diff and "+c" in diff and any("y.jsonl: missing from the snapshot" in line for line in diff)
    assert snapshot._digest_long_lines(b"x" * 100_001 + b"\nend").startswith(b"<<100001 bytes, sha256 ")
