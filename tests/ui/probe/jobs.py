"""Jobs for the child-process tests: importable in the child (the tests put this folder on its
``PYTHONPATH``), each doing one thing a real job might."""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from dataclasses import dataclass


@dataclass
class ProbeJob:
    mode: str
    key: str = "probe"
    in_child = True

    def run(self, progress, cancelled):
        if self.mode == "pid":
            for step in range(3):
                progress(step + 1, 3, f"step {step + 1} 第{step + 1}步")
            return {"pid": os.getpid(), "argv0": sys.argv[0], "nice": os.nice(0)}
        if self.mode == "raise":
            raise ValueError("the export's third column is empty（第三列为空）")
        if self.mode == "print":
            print("a library's chatter on standard output")
            sys.stdout.flush()
            os.write(1, b"\x00\x00\x00\x05junk")  # even written straight to the descriptor
            return "clean"
        if self.mode == "log":
            logging.getLogger("shopwatch.probe").warning("a warning from the child: %s", "店铺")
            return "logged"
        if self.mode == "wait":
            started = time.monotonic()
            while not cancelled():
                if time.monotonic() - started > 60:
                    return "never cancelled"
                time.sleep(0.02)
            return "cancelled"
        if self.mode == "stubborn":  # a request hanging until its timeout: no checks
            progress(1, 1, "waiting for the platform")
            time.sleep(120)
            return "too late"
        if self.mode == "die":
            progress(1, 1, "about to die")
            sys.stderr.write("last words before the end\n")
            sys.stderr.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        if self.mode == "unpicklable":
            return lambda: None
        raise AssertionError(self.mode)
