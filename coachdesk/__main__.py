"""Entry point: ``coachdesk`` and ``python -m coachdesk`` both land in the CLI, which launches the GUI by default."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from coachdesk.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
