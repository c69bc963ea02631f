"""Provenance: what a result was made from, for an auditor.

A :class:`Provenance` records the capex version, the input files with their SHA-256, the
solver with its parameters and seed, and the time the record was made. It is created where a
portfolio is loaded (:func:`capex.load_projects` records the files it read) and extended where
a solver builds its result (:meth:`Provenance.solved`); results carry it, ``summary()`` shows
it, and every workbook and CSV export writes it on its assumptions sheet.

The same inputs, solver and parameters give an equal record: the time is kept but left out of
the comparison.

>>> a = Provenance(inputs=(InputFile("p.csv", "ab" * 32),)).solved("spread", profile="bell")
>>> b = Provenance(inputs=(InputFile("p.csv", "ab" * 32),)).solved("spread", profile="bell")
>>> a == b
True
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from capex._version import __version__

__all__ = ["InputFile", "Provenance", "file_record", "recorded", "sha256_of", "solved_record"]

_LONG_MAPPING = 20  # a mapping of more entries (a limit per project) is recorded by its digest

_CHUNK = 1 << 20


def _now() -> str:
    """Now, in UTC to the second; ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention)
    fixes it, so that a document re-made from the same inputs is the same byte for byte."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (
        _dt.datetime.fromtimestamp(int(fixed), _dt.UTC)
        if fixed.isdigit()
        else _dt.datetime.now(_dt.UTC)
    )
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def sha256_of(data: bytes | str | Path) -> str:
    """The SHA-256 (hex) of bytes, or of a file's contents when given a path."""
    digest = hashlib.sha256()
    if isinstance(data, bytes):
        digest.update(data)
    else:
        with open(data, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class InputFile:
    """One file a result was made from: its path as given and the SHA-256 of its contents."""

    path: str
    sha256: str

    def __str__(self) -> str:
        return f"{self.path} (sha256 {self.sha256})"


def file_record(
    path: str | Path, data: bytes | None = None, *, label: str | None = None
) -> InputFile:
    """The :class:`InputFile` of ``path``, hashing ``data`` when the bytes were already read.

    ``label`` names the file in the record instead of its path (the bundled data, whose
    path differs from one installation to the next, is recorded by name).
    """
    digest = sha256_of(data if data is not None else Path(path))
    return InputFile(label if label is not None else str(path), digest)


@dataclass(frozen=True)
class Provenance:
    """What a result or an export was made from.

    Attributes
    ----------
    capex_version
        The version of capex that made it.
    inputs
        The input files (path as given and SHA-256), in the order they were read; empty for
        data passed as a DataFrame.
    solver
        The solver that made the result (``"spread"``, ``"shift"``), empty for a loaded
        portfolio or a reconciliation.
    parameters
        The solver's parameters as sorted ``(name, value)`` text pairs.
    seed
        The random seed the solver used, or ``None`` for a deterministic method without one.
    created
        When the record was made (UTC, ISO 8601). Not compared: equal inputs give equal records.
    """

    capex_version: str = __version__
    inputs: tuple[InputFile, ...] = ()
    solver: str = ""
    parameters: tuple[tuple[str, str], ...] = ()
    seed: int | None = None
    created: str = field(default_factory=_now, compare=False)

    def with_inputs(self, *files: InputFile) -> Provenance:
        """The record with more input files (a budget-line or scenario file, say)."""
        known = set(self.inputs)
        return replace(self, inputs=self.inputs + tuple(f for f in files if f not in known))

    def solved(self, solver: str, /, *, seed: int | None = None, **parameters: Any) -> Provenance:
        """The record of a result ``solver`` made from these inputs, made now.

        Parameters whose value is ``None`` are left out; the others are kept as text.
        """
        return replace(
            self,
            solver=solver,
            parameters=_parameters(parameters),
            seed=None if seed is None else int(seed),
            created=_now(),
        )

    def items(self) -> list[tuple[str, str]]:
        """The record as ``(key, text)`` rows (keys are terms of :mod:`capex.terms`): version,
        solver, parameters, seed, each input file and its SHA-256, and the time."""
        rows = [("prov_version", self.capex_version)]
        if self.solver:
            rows.append(("prov_solver", self.solver))
            rows.append(("prov_parameters", parameters_text(self.parameters)))
            rows.append(("prov_seed", "" if self.seed is None else str(self.seed)))
        for file in self.inputs:
            rows.append(("prov_input", file.path))
            rows.append(("prov_sha256", file.sha256))
        if not self.inputs:
            rows.append(("prov_input", "<DataFrame>"))
        rows.append(("prov_created", self.created))
        return rows

    def line(self) -> str:
        """The record in one line, for a summary: the same for the same inputs (the time is
        left out; hashes are shortened to 12 characters)."""
        parts = [f"capex {self.capex_version}"]
        if self.solver:
            solver = self.solver
            if self.parameters:
                solver += f" ({parameters_text(self.parameters)})"
            if self.seed is not None:
                solver += f" seed {self.seed}"
            parts.append(solver)
        inputs = [f"{Path(f.path).name} sha256 {f.sha256[:12]}" for f in self.inputs]
        parts.append(", ".join(inputs) if inputs else "data from a DataFrame")
        return " · ".join(parts)


def recorded(
    result: Any, portfolio: Any, solver: str, /, *, seed: int | None = None, **parameters: Any
) -> Any:
    """``result`` (a frozen dataclass with a ``provenance`` field) carrying the record of
    ``solver`` run on ``portfolio`` with ``parameters`` and ``seed``."""
    return replace(result, provenance=solved_record(portfolio, solver, seed=seed, **parameters))


def solved_record(
    portfolio: Any, solver: str, /, *, seed: int | None = None, **parameters: Any
) -> Provenance:
    """The record of ``solver`` run on ``portfolio`` with ``parameters`` and ``seed``, for a
    result made with it in place (:func:`recorded` copies a result to add it)."""
    base = getattr(portfolio, "provenance", None) or Provenance()
    return base.solved(solver, seed=seed, **parameters)


def parameters_text(parameters: Iterable[tuple[str, str]]) -> str:
    """``name=value, ...`` of a record's parameters."""
    return ", ".join(f"{name}={value}" for name, value in parameters)


def _parameters(parameters: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(
        sorted((name, _text(value)) for name, value in parameters.items() if value is not None)
    )


def _text(value: Any) -> str:
    if hasattr(value, "to_dict") and callable(value.to_dict):  # a pandas Series
        value = value.to_dict()
    if isinstance(value, Mapping):
        text = "{" + ", ".join(f"{k}: {_text(v)}" for k, v in value.items()) + "}"
        if len(value) > _LONG_MAPPING:
            return f"{len(value)} values, sha256 {sha256_of(text.encode())[:12]}"
        return text
    name = getattr(value, "name", None)  # a Profile, an enum
    if isinstance(name, str) and not isinstance(value, str | int | float):
        return name
    return str(value)
