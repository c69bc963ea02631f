"""Run the notebooks from top to bottom and keep their outputs, so they open with results.

    python notebooks/execute.py            # every notebook, written back in place
    python notebooks/execute.py 01_*.ipynb # some of them

Each notebook runs in a fresh ``python3`` kernel of this interpreter, in the folder it is in,
with progress bars off, so the stored outputs are the same from one run to the next (the
notebooks show no solve times). The test suite runs the same function on a copy in a
temporary folder, so running the tests never changes the stored notebooks.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
TIMEOUT = 300  # seconds per cell; each notebook takes well under a minute in all


def execute(path: Path, folder: Path | None = None) -> nbformat.NotebookNode:
    """Run the notebook at ``path`` with ``folder`` (its own by default) as the working
    folder, and return it with its outputs (``path`` itself is not written)."""
    environment = {
        **os.environ,
        "CAPEX_PROGRESS": "0",  # no bars in the stored output
        # the kernel's "python3" is this interpreter
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
    }
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)  # clock times of an earlier run
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT,
        kernel_name="python3",
        record_timing=False,  # no clock times in the stored cells
        resources={"metadata": {"path": str(folder or path.parent)}},
    )
    client.execute(env=environment)
    return notebook


def main(names: list[str]) -> int:
    paths = [HERE / name for name in names] if names else sorted(HERE.glob("*.ipynb"))
    for path in paths:
        notebook = execute(path)
        nbformat.write(notebook, path)
        print(f"executed {path.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
