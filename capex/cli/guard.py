"""The command line never writes over its inputs: which options name files, and the guard.

An option that names a file says so by its ``type``: :data:`INPUT_FILE` for a file the
command reads, :data:`EXCEL_FILE`, :data:`FIGURE_FILE`, :data:`TABLE_FILE` or
:data:`OUTPUT_FILE` for one it writes, :data:`CSV_FILES` for ``--csv`` (a folder, or
``FILE.csv`` and its siblings), :data:`DATABASE_FILE` for a database it is meant to update::

    parser.add_argument("--payments", type=INPUT_FILE, metavar="FILE", help=...)
    parser.add_argument("--db", type=DATABASE_FILE, metavar="FILE", help=...)

Every command runs inside :func:`guarded` (``capex.cli.main`` sees to it), which

1. before any work, compares every output an option names (with the files written beside it,
   such as the ``.toml`` beside ``--write-portfolio FILE.csv``) with every input an option
   names and the metadata beside each (the ``.toml`` of the same name), and with any
   database; each by file identity (:func:`capex.io.files.file_identity`), so a symlink, a hard
   link or another spelling of the path is caught;
2. while the command runs, remembers every file capex reads (the bundled data, a scenario's
   own files) and refuses any write over one of them (:func:`capex.io.files.guarding`);
3. gives :func:`check_outputs` to the code that writes, to check the files an output expands
   to (``--csv DIR``: one file per table) before any of them is written.

A clash exits with code 2 and one line naming the output, the option, and the input, and
nothing is written. The options shared by the commands (:mod:`capex.cli.options`) declare
their files already, so a command built from them is guarded without a word more; and a file
read through capex's readers is protected even when no option declared it.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from capex.io.files import METADATA_SUFFIX, FileGuard, active_guard, guarding
from capex.terms import phrase

__all__ = [
    "CSV_FILES",
    "DATABASE_FILE",
    "EXCEL_FILE",
    "FIGURE_FILE",
    "INPUT_FILE",
    "OUTPUT_FILE",
    "TABLE_FILE",
    "FileOption",
    "FileRole",
    "check_outputs",
    "command_parser",
    "commands",
    "file_options",
    "guarded",
]

ROLES = ("input", "output", "outputs", "database")
"""What a file option is to its command: read; written (one file, and any ``companions``);
written as several files named when written (``--csv``); a database updated in place."""


@dataclass(frozen=True)
class FileRole:
    """The ``type`` of an argument that names a file: it passes the text through unchanged
    and tells the guard what the file is to the command.

    Attributes
    ----------
    role
        ``"input"``, ``"output"``, ``"outputs"`` or ``"database"`` (see :data:`ROLES`).
    suffix
        The suffix an output's name ends in (an example where several are taken), or ``""``.
    companions
        Suffixes of the files written beside an output (``(".toml",)``: ``next.toml`` beside
        ``next.csv``).
    """

    role: str
    suffix: str = ""
    companions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(phrase("err_cli_file_role", roles=ROLES, role=repr(self.role)))

    @property
    def __name__(self) -> str:  # argparse names the type in its messages
        return "file name"

    def __call__(self, text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(phrase("err_cli_empty_file_name"))
        return text

    def written(self, path: str) -> list[Path]:
        """The files an output option writes that are known before it runs: the file and its
        companions (none for a folder of ``--csv``)."""
        if self.role == "input":
            return []
        if self.role == "outputs" and Path(path).suffix.lower() != ".csv":
            return []  # a folder: the files are named by the tables written into it
        given = Path(path)
        return [given, *(given.with_suffix(suffix) for suffix in self.companions)]


INPUT_FILE = FileRole("input")
"""A file the command reads (a project table, actuals, budget lines, a scenario ...)."""

OUTPUT_FILE = FileRole("output")
"""A file the command writes."""

EXCEL_FILE = FileRole("output", ".xlsx")
"""A workbook the command writes (``--excel``)."""

FIGURE_FILE = FileRole("output", ".png")
"""A figure the command draws (``--plot``: .png, .pdf, .svg ...)."""

TABLE_FILE = FileRole("output", ".csv", (METADATA_SUFFIX,))
"""A project table the command writes with its metadata beside it (``--write-portfolio``)."""

CSV_FILES = FileRole("outputs", ".csv")
"""CSV files (``--csv``): a folder with one file per table, or ``FILE.csv`` and its siblings."""

DATABASE_FILE = FileRole("database", ".db")
"""A database the command reads and updates in place (with SQLite's files beside it)."""


# ---------------------------------------------------------------------------------------
# the options of a command
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FileOption:
    """An argument of a command that names files: how the user writes it, where argparse
    keeps it, and its :class:`FileRole`."""

    flag: str
    dest: str
    role: FileRole

    def values(self, args: argparse.Namespace) -> list[str]:
        """The paths given (none, one, or several for ``nargs``)."""
        value = getattr(args, self.dest, None)
        if value is None:
            return []
        return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


def file_options(parser: argparse.ArgumentParser) -> list[FileOption]:
    """The arguments of one command's parser that name files, in the order declared."""
    found = []
    for action in parser._actions:  # argparse keeps its arguments here; there is no public list
        if isinstance(action.type, FileRole):
            flag = action.option_strings[0] if action.option_strings else _positional(action)
            found.append(FileOption(flag, action.dest, action.type))
    return found


def commands(parser: argparse.ArgumentParser) -> dict[tuple[str, ...], argparse.ArgumentParser]:
    """Every command of ``parser`` that runs (``("scenario", "run")`` ...) and its parser."""
    found: dict[tuple[str, ...], argparse.ArgumentParser] = {}

    def walk(words: tuple[str, ...], current: argparse.ArgumentParser) -> None:
        subparsers = [a for a in current._actions if isinstance(a, argparse._SubParsersAction)]
        if not subparsers and words:
            found[words] = current
        for action in subparsers:
            seen: set[int] = set()
            for name, sub in action.choices.items():
                if id(sub) not in seen:  # an alias is the same parser
                    seen.add(id(sub))
                    walk((*words, name), sub)

    walk((), parser)
    return found


def command_parser(
    parser: argparse.ArgumentParser, args: argparse.Namespace
) -> argparse.ArgumentParser:
    """The parser of the command ``args`` were parsed for (following nested sub-commands)."""
    current = parser
    while True:
        chosen = [
            action
            for action in current._actions
            if isinstance(action, argparse._SubParsersAction)
            and getattr(args, action.dest, None) in action.choices
        ]
        if not chosen:
            return current
        current = chosen[0].choices[getattr(args, chosen[0].dest)]


def _positional(action: argparse.Action) -> str:
    metavar = action.metavar
    if isinstance(metavar, tuple):
        metavar = metavar[0]
    return str(metavar or action.dest.upper())


# ---------------------------------------------------------------------------------------
# the guard
# ---------------------------------------------------------------------------------------
@contextlib.contextmanager
def guarded(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Iterator[FileGuard]:
    """Run a command inside the guard of its inputs (see the module text).

    Raises
    ------
    capex.io.files.OverwriteError
        Before the block runs, for an output (or a file written beside it) that is an input,
        the metadata beside an input, or a database of the command, or that another output
        names too.
    """
    options = file_options(command_parser(parser, args))
    with guarding() as guard:
        for option in options:
            if option.role.role == "input":
                for path in option.values(args):
                    guard.protect(path, option.flag)
        outputs = [
            (path, option.flag)
            for option in options
            if option.role.role in ("output", "outputs")
            for value in option.values(args)
            for path in option.role.written(value)
        ]
        databases = [
            (path, option.flag)
            for option in options
            if option.role.role == "database"
            for path in option.values(args)
        ]
        from capex.cli.saving import store_paths  # saving names its --db with this module's role

        store = store_paths(args)  # the plan store a command saves in, --db or its default
        if store and not any(flag == "--db" for _, flag in databases):
            databases.append((str(store[0]), "--db"))
        guard.check(databases)  # a database is not an input of another kind
        for path, flag in databases:
            guard.allow(path, flag)  # the one file the command may read and write
        guard.check(outputs)  # no output over an input, its metadata, a database, or another
        yield guard


def check_outputs(outputs: Iterable[tuple[str | Path, str]]) -> None:
    """Refuse, before any of them is written, output files that name an input of the command
    in progress (or one another); ``(path, option)`` pairs such as ``(p, "--csv")``. Outside a
    guarded command, nothing is checked."""
    guard = active_guard()
    if guard is not None:
        guard.check(outputs)
