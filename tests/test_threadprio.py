"""Background jobs run in a thread of their own at a lower CPU priority, which ends with the
job: the caller's (and the pool's) threads keep theirs."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from shopwatch.threadprio import BACKGROUND_NICE, run_in_background_thread


def test_the_result_and_the_exception_come_back_to_the_caller():
    assert run_in_background_thread(lambda: 41 + 1) == 42
    with pytest.raises(ValueError, match="bad file"):
        run_in_background_thread(lambda: (_ for _ in ()).throw(ValueError("bad file")))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux's")
def test_the_work_runs_niced_in_its_own_thread_and_the_caller_keeps_its_priority():
    caller = threading.get_native_id()
    before = os.getpriority(os.PRIO_PROCESS, caller)
    seen = run_in_background_thread(
        lambda: (threading.get_native_id(),
                 os.getpriority(os.PRIO_PROCESS, threading.get_native_id())))
    assert seen[0] != caller
    assert seen[1] == min(19, before + BACKGROUND_NICE)
    assert os.getpriority(os.PRIO_PROCESS, caller) == before
