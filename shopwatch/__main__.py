"""``python -m shopwatch``: the same as the ``shopwatch`` command."""

import sys

from shopwatch.cli import main

sys.exit(main())
