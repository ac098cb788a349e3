"""Entry script of the frozen app: PyInstaller runs this file as ``__main__``, so the bundled
executable behaves exactly like the ``shopwatch`` command (``--version``, ``--self-test``,
every subcommand; the desktop app by default). The app also starts the executable as a child
with ``--run-job`` to run a sync away from its window (``shopwatch.ui.job_process``); that
internal entry is not part of the command line."""

import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["--run-job"]:
        from shopwatch.ui.job_child import main as run_job

        sys.exit(run_job())
    from shopwatch.cli import main

    sys.exit(main())
