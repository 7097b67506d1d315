"""Crash safety on disk: store locks, store swaps a crash cannot lose, and sets of output files
that appear together or not at all.

- :class:`StoreLock`: one writer at a time per store (a second is refused at once), and readers
  that never open the store while a writer commits (writers go first when both wait). The lock
  files sit beside the store: ``.NAME.lock``, ``.NAME.lock-gate``, ``.NAME.lock-writer``.
- :func:`swap_store` / :func:`finish_swap`: a store built beside the old one is marked complete
  (``.NAME.new``) before the old one moves aside (``.NAME.old``); whatever step a crash stops,
  the next writer or reader finishes the swap (or rolls it back) before it opens the store.
- :func:`output_set`: every file of one ``build -o`` is written into a hidden staging folder and
  moved into place only once all are complete; a crash in between is finished on the next run,
  and SIGINT/SIGTERM wait until the move is done.

    >>> import tempfile, pathlib
    >>> base = pathlib.Path(tempfile.mkdtemp()) / "demo"
    >>> with output_set(base) as staging:
    ...     _ = staging.path("ttl").write_text("# one file of the set")
    >>> sorted(p.name for p in base.parent.iterdir() if not p.name.startswith("."))
    ['demo.ttl']
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

#: paths this process has moved into place completely (for an accurate message when interrupted)
COMMITTED: list[str] = []


def checkpoint(name: str) -> None:
    """A named moment of a commit, where the crash tests kill the process
    (``DIPLOGRAPH_KILL_AT=name``); nothing happens otherwise."""
    if os.environ.get("DIPLOGRAPH_KILL_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


class Busy(RuntimeError):
    """Another process is writing the same store or outputs."""


def _hidden(path: Path, suffix: str) -> Path:
    return path.with_name(f".{path.name}.{suffix}")


def _sync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _open_lock(path: Path, write: bool) -> int | None:
    """A file descriptor to lock, or None when the file can neither be opened nor created (a
    reader of a read-only folder in which no writer ever ran)."""
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except PermissionError:
        if write:
            raise
    except FileNotFoundError:
        if write:
            raise
        return None
    try:
        return os.open(path, os.O_RDONLY)
    except OSError:
        return None


def _acquire(path: Path) -> int:
    """An exclusive lock on ``path`` taken without waiting (BlockingIOError when held); close
    the descriptor to release it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BaseException:
        os.close(fd)
        raise
    return fd


@contextlib.contextmanager
def _flock(path: Path, exclusive: bool, blocking: bool = True, write: bool = False) -> Iterator[int | None]:
    fd = _open_lock(path, write)
    if fd is None:
        yield None
        return
    try:
        flags = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | (0 if blocking else fcntl.LOCK_NB)
        fcntl.flock(fd, flags)
        yield fd
    finally:
        os.close(fd)  # closing releases the lock


class StoreLock:
    """The locks of the store at ``path`` (a folder that may not exist yet)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.access = _hidden(self.path, "lock")
        self.gate = _hidden(self.path, "lock-gate")
        self.writer_file = _hidden(self.path, "lock-writer")

    @contextlib.contextmanager
    def writer(self) -> Iterator[None]:
        """Be the only writer of the store for the whole block, or raise :class:`Busy` at once."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = _acquire(self.writer_file)
        except BlockingIOError:
            holder = self.writer_file.read_text(errors="replace").strip() or "?"
            raise Busy(f"{self.path}: another diplograph process (pid {holder}) is writing to this store; "
                       "wait for it to finish, then run the command again") from None
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
            yield
        finally:
            os.close(fd)

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Hold the store steady for reading: no writer commits until the block ends."""
        with contextlib.ExitStack() as stack:
            with _flock(self.gate, exclusive=False):  # a waiting writer holds the gate: readers queue behind it
                stack.enter_context(_flock(self.access, exclusive=False))
            yield

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Exclusive access for a commit: waits for readers, holds new ones back, and marks a
        new generation of the store when done."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _flock(self.gate, exclusive=True, write=True), _flock(self.access, exclusive=True, write=True) as fd:
            try:
                yield
            finally:
                os.ftruncate(fd, 0)
                os.pwrite(fd, uuid.uuid4().hex.encode(), 0)

    def generation(self) -> str:
        """Changes whenever a writer commits (read it while :meth:`reading`)."""
        try:
            return self.access.read_text()
        except OSError:
            return ""


# -- store swaps ------------------------------------------------------------------------
def store_parts(path: Path) -> list[Path]:
    """Stores being built beside ``path`` (left by a crash unless a writer is running)."""
    return sorted(path.parent.glob(f".{path.name}.*.part"))


def new_store_dir(path: Path) -> Path:
    """A fresh hidden folder beside ``path`` to build a store in."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent))


def swap_store(fresh: Path, path: Path) -> None:
    """Put the complete store ``fresh`` at ``path`` (call with the writer lock and while
    :meth:`StoreLock.writing`). Each step is one rename; see :func:`finish_swap`."""
    fresh.rename(_hidden(path, "new"))
    _sync_dir(path.parent)
    checkpoint("store-new-ready")
    finish_swap(path)


def finish_swap(path: Path) -> bool:
    """Finish a swap a crash interrupted, or roll it back: ``.NAME.new`` is a complete store
    waiting to replace ``path``, ``.NAME.old`` the store it replaced. Returns whether anything
    was left to do. Safe to call at any time under the writer lock."""
    new, old = _hidden(path, "new"), _hidden(path, "old")
    if not new.exists() and not old.exists():
        return False
    if new.exists():
        if path.exists():
            if old.exists():
                shutil.rmtree(old)
            path.rename(old)
            _sync_dir(path.parent)
            checkpoint("store-old-aside")
        new.rename(path)
        _sync_dir(path.parent)
        checkpoint("store-new-in")
    elif not path.exists():
        old.rename(path)  # the new store never arrived: the old one goes back
        _sync_dir(path.parent)
    shutil.rmtree(old, ignore_errors=True)
    return True


def swap_pending(path: Path) -> bool:
    """Whether a crash left a swap of the store at ``path`` half done."""
    return _hidden(path, "new").exists() or _hidden(path, "old").exists()


def clean_store_parts(path: Path) -> None:
    """Remove stores half built by crashed writers (call with the writer lock)."""
    for part in store_parts(path):
        shutil.rmtree(part, ignore_errors=True)


# -- sets of output files ---------------------------------------------------------------
class Staging:
    """Where the files of one output set are written before they move into place together."""

    def __init__(self, folder: Path, base: Path):
        self.folder, self.base = folder, base
        self.names: list[str] = []

    def path(self, suffix: str) -> Path:
        """The staging path of ``BASE.suffix``."""
        name = f"{self.base.name}.{suffix}"
        if name not in self.names:
            self.names.append(name)
        return self.folder / name

    def final(self, suffix: str) -> Path:
        return self.base.with_name(f"{self.base.name}.{suffix}")


def _commit_dir(base: Path) -> Path:
    return _hidden(base, "outputs-commit")


def _move_committed(base: Path) -> list[str]:
    folder = _commit_dir(base)
    aside = _hidden(base, "outputs-replaced")
    moved = []
    for item in sorted(folder.iterdir()):
        target = base.parent / item.name
        if (item.is_dir() or target.is_dir()) and target.exists():  # a folder output (Parquet partitions): old one aside first
            aside.mkdir(exist_ok=True)
            os.replace(target, aside / item.name)
        os.replace(item, target)
        moved.append(str(target))
        checkpoint("outputs-moving")
    _sync_dir(base.parent)
    folder.rmdir()
    shutil.rmtree(aside, ignore_errors=True)
    return moved


def _fsync_tree(path: Path) -> None:
    """fsync a file, or every file of a folder output."""
    for item in (sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]):
        with open(item, "rb") as fh:
            os.fsync(fh.fileno())


def recover_outputs(base: Path) -> None:
    """Finish moving an output set a crash interrupted, and remove staging folders and
    temporary files earlier crashes left (call under the output lock)."""
    if _commit_dir(base).exists():
        _move_committed(base)
    shutil.rmtree(_hidden(base, "outputs-replaced"), ignore_errors=True)
    for leftover in base.parent.glob(f".{base.name}.outputs-*.part"):
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in base.parent.glob(f".{base.name}.*.*.part"):  # files atomic_write left (".NAME.ttl.x1y2.part")
        if leftover.is_file():
            leftover.unlink(missing_ok=True)


@contextlib.contextmanager
def deferred_signals() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done (then act as usual)."""
    wanted = {signal.SIGINT, signal.SIGTERM}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, wanted)
    except (ValueError, OSError):  # not the main thread of the process, or no signals here
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextlib.contextmanager
def output_set(base: str | Path) -> Iterator[Staging]:
    """Write files ``BASE.<suffix>`` as one set: into a staging folder, then all into place
    (signals deferred while they move). A second writer of the same BASE is refused."""
    base = Path(base)
    base.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = _acquire(_hidden(base, "outputs.lock"))
    except BlockingIOError:
        raise Busy(f"{base}: another diplograph process is writing these outputs; wait for it to finish") from None
    try:
        recover_outputs(base)
        folder = Path(tempfile.mkdtemp(prefix=f".{base.name}.outputs-", suffix=".part", dir=base.parent))
        staging = Staging(folder, base)
        try:
            yield staging
            for name in staging.names:
                _fsync_tree(folder / name)
            with deferred_signals():
                folder.rename(_commit_dir(base))
                _sync_dir(base.parent)
                checkpoint("outputs-staged")
                COMMITTED.extend(_move_committed(base))
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
    finally:
        os.close(fd)
