"""Files written whole or not at all.

Every file capex writes (workbooks, CSV tables, figures, scenario and metadata files) is first
written to a temporary file in the target's own folder and then renamed over the target with
:func:`os.replace`, which is atomic on one file system. A write that fails half-way (a value
the writer refuses, a full disk, an interrupted process) leaves the old file as it was and no
temporary behind.

>>> from pathlib import Path
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> with atomic_write(folder / "a.txt") as temporary:
...     _ = temporary.write_text("whole", encoding="utf-8")
>>> (folder / "a.txt").read_text(encoding="utf-8")
'whole'
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

__all__ = ["atomic_write", "atomic_writes", "write_bytes", "write_text"]


@contextlib.contextmanager
def atomic_write(target: str | Path) -> Iterator[Path]:
    """A temporary path beside ``target`` to write to; it becomes ``target`` when the block
    ends without an error, and is removed when it raises.

    The temporary is hidden (its name starts with a dot) and keeps the target's suffix.
    """
    with atomic_writes([target]) as (temporary,):
        yield temporary


@contextlib.contextmanager
def atomic_writes(targets: Sequence[str | Path]) -> Iterator[list[Path]]:
    """Several files written as one: a temporary path per target, renamed over the targets
    only once every one of them has been written.

    When the block raises, every temporary is removed and every target is left as it was, so a
    failed export never leaves a mix of old and new files. The renames themselves are atomic
    one by one but not together: a crash of the machine or a kill of the process *between* two
    renames (a window of microseconds) leaves the targets renamed so far new and the rest old,
    and no temporary files in a half-written state.

    Parameters
    ----------
    targets
        The files to write, each at most once. Their folders must exist.

    Yields
    ------
    list of Path
        One temporary path per target, in the same order.
    """
    paths = [Path(target) for target in targets]
    if len({path.resolve() for path in paths}) != len(paths):
        raise ValueError("the same file is named twice among the files to write")
    for path in paths:
        if path.is_dir():
            raise IsADirectoryError(21, "is a folder, not a file", str(path))
    temporaries: list[Path] = []
    try:
        for path in paths:
            # hidden, and with the target's own suffix: writers such as matplotlib choose the
            # format from it
            handle, name = tempfile.mkstemp(
                prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent
            )
            os.close(handle)
            temporaries.append(Path(name))
        yield list(temporaries)
        for temporary, path in zip(temporaries, paths):
            _make_durable(temporary, path)
        for temporary, path in zip(temporaries, paths):
            os.replace(temporary, path)
        temporaries = []
    finally:
        for temporary in temporaries:
            with contextlib.suppress(OSError):
                temporary.unlink()


def write_text(target: str | Path, text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``target`` atomically; returns the path."""
    return write_bytes(target, text.encode(encoding))


def write_bytes(target: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically; returns the path."""
    with atomic_write(target) as temporary:
        temporary.write_bytes(data)
    return Path(target)


def _make_durable(temporary: Path, target: Path) -> None:
    """Give the finished temporary the permissions the target has (or a new file would get)
    and flush it to disk, so the rename never exposes an empty or private file."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temporary, mode)
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
