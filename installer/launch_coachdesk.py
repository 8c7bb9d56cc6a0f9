"""PyInstaller entry script: the frozen app starts here, exactly as the ``coachdesk`` console script does."""

import multiprocessing
import sys

from coachdesk.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
