"""Entry script of the frozen app: PyInstaller runs this file as ``__main__``, so the bundled
executable behaves exactly like the ``shopwatch`` command (``--version``, ``--self-test``,
every subcommand; the desktop app by default)."""

import sys

from shopwatch.cli import main

if __name__ == "__main__":
    sys.exit(main())
