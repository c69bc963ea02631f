"""Files read and written: written whole or not at all, never over what was read.

Every file capex writes (workbooks, CSV tables, figures, scenario and metadata files) is first
written to a temporary file in the target's own folder and then renamed over the target with
:func:`os.replace`, which is atomic on one file system. A write that fails half-way (a value
the writer refuses, a full disk, an interrupted process) leaves the old file as it was and no
temporary behind.

A process killed while it writes (power lost, ``kill -9``) cannot remove its temporary. capex
names its temporaries so that it knows them again (``.capex~<host>~<pid>~<name>...``): the
next write into the folder removes those whose writing process, on this machine, is gone. It
never touches a temporary of a process still running, of another machine sharing the folder,
or of another program.

**Inputs are never overwritten.** Inside :func:`guarding` (the command line runs every
command so), every file read through :func:`read_bytes` is remembered with the metadata file
beside it (the ``.toml`` of the same name), and a write whose target is one of them is
refused with an :class:`OverwriteError` that names both, before anything is written. Files
are compared by identity: the device and inode where the file exists (so a symlink, a hard
link or another spelling of the path is the same file) and the resolved path where it does not.
A database the run is meant to update is declared with :meth:`FileGuard.allow` (with its
``-wal``, ``-journal`` and ``-shm`` files), and is the one file a run may both read and write.

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
import contextvars
import hashlib
import os
import re
import socket
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from capex.errors import CapexError, DataError
from capex.terms import phrase

__all__ = [
    "DATABASE_SIDE_FILES",
    "METADATA_SUFFIX",
    "FileGuard",
    "OverwriteError",
    "active_guard",
    "atomic_write",
    "atomic_writes",
    "check_writes",
    "file_identity",
    "guarding",
    "note_read",
    "read_bytes",
    "remove_stale_temporaries",
    "toml_text",
    "write_bytes",
    "write_text",
]

METADATA_SUFFIX = ".toml"
"""The metadata file beside a table has the table's name with this suffix."""

DATABASE_SIDE_FILES = ("-wal", "-journal", "-shm")
"""The files SQLite keeps beside a database (``capex.db-wal`` ...)."""

_TEMPORARY_PREFIX = ".capex~"
_TEMPORARY = re.compile(r"^\.capex~(?P<host>[0-9a-f]{8})~(?P<pid>\d+)~")


# ---------------------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------------------
@contextlib.contextmanager
def atomic_write(target: str | Path) -> Iterator[Path]:
    """A temporary path beside ``target`` to write to; it becomes ``target`` when the block
    ends without an error, and is removed when it raises.

    The temporary is hidden (its name starts with a dot), names capex, this machine and this
    process, and keeps the target's suffix.
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

    Raises
    ------
    OverwriteError
        Inside :func:`guarding`, when a target is a file the run has read (or the metadata
        beside one); nothing is written.
    """
    paths = [Path(target) for target in targets]
    if len({path.resolve() for path in paths}) != len(paths):
        raise ValueError(phrase("err_io_same_output_twice"))
    for path in paths:
        if path.is_dir():
            raise IsADirectoryError(21, "is a folder, not a file", str(path))
    check_writes(paths)
    for folder in {path.parent for path in paths}:
        remove_stale_temporaries(folder)
    temporaries: list[Path] = []
    try:
        for path in paths:
            # hidden, and with the target's own suffix: writers such as matplotlib choose the
            # format from it
            handle, name = tempfile.mkstemp(
                prefix=f"{_TEMPORARY_PREFIX}{_host()}~{os.getpid()}~{path.stem}-",
                suffix=path.suffix,
                dir=path.parent,
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


def toml_text(data: Mapping[str, Any]) -> str:
    """``data`` as TOML text, written by tomli-w: the one TOML writer of capex (a scenario, the
    metadata beside a table), so that any text, line breaks and quotes included, reads back
    as written.

    >>> print(toml_text({"name": "a \\"plan\\"\\nline two", "plan_period": [2021, 2025]}), end="")
    name = "a \\"plan\\"\\nline two"
    plan_period = [
        2021,
        2025,
    ]
    """
    import tomli_w

    return tomli_w.dumps(dict(data))


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


# ---------------------------------------------------------------------------------------
# temporaries left by a killed writer
# ---------------------------------------------------------------------------------------
def remove_stale_temporaries(folder: str | Path) -> list[Path]:
    """Remove capex's own temporaries in ``folder`` whose writing process is gone.

    Only files named as :func:`atomic_writes` names its temporaries, made on this machine by
    a process that no longer runs, are removed; anything else (another program's file, a
    temporary being written now, one made on another machine sharing the folder) is left.

    Returns
    -------
    list of Path
        The files removed.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:  # a folder that cannot be listed: nothing to tidy
        return removed
    host, own = _host(), os.getpid()
    for entry in entries:
        match = _TEMPORARY.match(entry.name) if entry.name.startswith(_TEMPORARY_PREFIX) else None
        if match is None or match["host"] != host:
            continue
        pid = int(match["pid"])
        if pid == own or _process_runs(pid):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _host() -> str:
    """Eight hex digits naming this machine, so that a folder shared by several machines
    keeps the temporaries of the others."""
    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def _process_runs(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine (True when it cannot be told)."""
    if pid <= 0:
        return True
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _windows_process_runs(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:  # it exists, under another user
        return True
    return True


def _windows_process_runs(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    query_limited_information, still_active, access_denied = 0x1000, 259, 5
    handle = kernel.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return kernel.GetLastError() == access_denied
    try:
        code = ctypes.c_ulong()
        if not kernel.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel.CloseHandle(handle)


# ---------------------------------------------------------------------------------------
# reading, and never writing over what was read
# ---------------------------------------------------------------------------------------
class OverwriteError(CapexError, FileExistsError):
    """A write that would replace a file the run has read (an input, or the metadata beside
    one). ``output_path`` and ``input_path`` are the two paths as given."""

    def __init__(self, message: str, output_path: str, input_path: str) -> None:
        super().__init__(message)
        self.output_path = output_path
        self.input_path = input_path

    def __str__(self) -> str:
        return str(self.args[0])


FileIdentity = tuple[str, int, int] | tuple[str, str]
"""``("file", device, inode)`` for a file that exists, ``("path", resolved path)`` otherwise."""


def file_identity(path: str | Path) -> FileIdentity:
    """What makes two paths the same file: the device and inode of an existing file (through
    any symlink, hard link or spelling), the resolved, case-normalised path of a missing one.
    """
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return ("path", os.path.normcase(os.path.realpath(path)))
    return ("file", status.st_dev, status.st_ino)


@dataclass(frozen=True)
class _Protected:
    path: str
    why: str


@dataclass
class FileGuard:
    """The files a run has read (and the metadata beside each), which it must not write.

    Made by :func:`guarding`; readers add to it through :func:`note_read`, writers ask it
    through :func:`check_writes` (as :func:`atomic_writes` does).
    """

    _protected: dict[FileIdentity, _Protected] = field(default_factory=dict)
    _allowed: set[FileIdentity] = field(default_factory=set)

    def protect(self, path: str | Path, why: str = "", *, metadata: bool = True) -> None:
        """Never write ``path`` (nor, with ``metadata``, the ``.toml`` beside it) in this run.

        ``why`` says how the run came to read it (``"--data"``), for the message.
        """
        shown = str(path)
        self._protected.setdefault(file_identity(path), _Protected(shown, why))
        side = Path(path).with_suffix(METADATA_SUFFIX) if Path(path).suffix else None
        if metadata and side is not None and side != Path(path):
            where = f"the metadata beside {shown}" + (f", {why}" if why else "")
            self._protected.setdefault(file_identity(side), _Protected(str(side), where))

    def allow(self, database: str | Path, why: str = "") -> None:
        """Let the run update ``database`` and SQLite's files beside it (``-wal``,
        ``-journal``, ``-shm``): the one file a run may both read and write.

        :func:`check_writes` (and so :func:`atomic_writes`) lets them pass; :meth:`check`,
        which the command line runs on the outputs its options name, still refuses an
        output such as ``--excel`` that names them.
        """
        for suffix in ("", *DATABASE_SIDE_FILES):
            path = f"{database}{suffix}"
            self._allowed.add(file_identity(path))
            self._protected.setdefault(file_identity(path), _Protected(path, why))

    def is_allowed(self, path: str | Path) -> bool:
        """Whether ``path`` is a database the run may update."""
        return file_identity(path) in self._allowed

    def clash(self, path: str | Path) -> _Protected | None:
        """The protected file ``path`` would overwrite, or None."""
        return self._protected.get(file_identity(path))

    def check(self, outputs: Iterable[str | Path | tuple[str | Path, str]]) -> None:
        """Refuse, before anything is written, outputs that name a protected file or name one
        file twice.

        Parameters
        ----------
        outputs
            Paths, or ``(path, how)`` pairs where ``how`` says which option asked for it.

        Raises
        ------
        OverwriteError
            Naming the output, the option, and the input it would overwrite.
        """
        seen: dict[FileIdentity, tuple[str, str]] = {}
        for item in outputs:
            path, how = item if isinstance(item, tuple) else (item, "")
            shown = str(path)
            said = f"{how} {shown}" if how else shown
            clash = self.clash(path)
            if clash is not None:
                why = f" ({clash.why})" if clash.why else ""
                raise OverwriteError(
                    phrase("err_io_would_overwrite", output=said, path=clash.path, why=why),
                    shown,
                    clash.path,
                )
            key = file_identity(path)
            if key in seen:
                other_path, other_how = seen[key]
                other = f"{other_how} {other_path}" if other_how else other_path
                raise OverwriteError(
                    phrase("err_io_same_output", output=said, other=other),
                    shown,
                    other_path,
                )
            seen[key] = (shown, how)


_GUARD: contextvars.ContextVar[FileGuard | None] = contextvars.ContextVar(
    "capex_file_guard", default=None
)


@contextlib.contextmanager
def guarding(guard: FileGuard | None = None) -> Iterator[FileGuard]:
    """Within the block, remember every file read and refuse to write over any of them.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> table = folder / "p.csv"
    >>> _ = table.write_text("id\\n1\\n", encoding="utf-8")
    >>> with guarding():
    ...     _ = read_bytes(table)
    ...     write_text(folder / "p.toml", "name = 'x'")
    Traceback (most recent call last):
    ...
    capex.io.files.OverwriteError: .../p.toml would write over .../p.toml, which this command reads (the metadata beside .../p.csv); capex never writes over its inputs: choose another output
    """
    guard = guard if guard is not None else FileGuard()
    token = _GUARD.set(guard)
    try:
        yield guard
    finally:
        _GUARD.reset(token)


def active_guard() -> FileGuard | None:
    """The guard of the run in progress, or None outside :func:`guarding`."""
    return _GUARD.get()


def note_read(path: str | Path, why: str = "") -> None:
    """Remember, inside :func:`guarding`, that ``path`` was read (with its metadata file)."""
    guard = _GUARD.get()
    if guard is not None and not guard.is_allowed(path):
        guard.protect(path, why)


def check_writes(outputs: Iterable[str | Path | tuple[str | Path, str]]) -> None:
    """Refuse, inside :func:`guarding`, outputs over a file the run has read (see
    :meth:`FileGuard.check`); a database the run may update (:meth:`FileGuard.allow`)
    passes."""
    guard = _GUARD.get()
    if guard is None:
        return
    guard.check(
        item
        for item in outputs
        if not guard.is_allowed(item[0] if isinstance(item, tuple) else item)
    )


def read_bytes(path: str | Path, why: str = "") -> bytes:
    """The bytes of an input file, at most :data:`capex.model.limits.MAX_INPUT_BYTES` of them,
    remembered as read (see :func:`note_read`).

    Raises
    ------
    OSError
        When the file cannot be read.
    DataError
        When it is larger than capex reads.
    """
    from capex.model import limits  # here: the bounds read the years of capex.io, which reads files

    size = os.stat(path).st_size
    if size > limits.MAX_INPUT_BYTES:
        raise DataError(
            phrase("err_io_file_too_big", size=f"{size:,}", limit=f"{limits.MAX_INPUT_BYTES:,}"),
            source=str(path),
        )
    note_read(path, why)
    with open(path, "rb") as handle:
        return handle.read(limits.MAX_INPUT_BYTES + 1)
