"""``python -m capex``: the same as the ``capex`` command."""

import sys

from capex.cli import main

if __name__ == "__main__":
    sys.exit(main())
