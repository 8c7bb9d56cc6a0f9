"""Reading a child process's stdout line by line, for the crash-recovery tests that kill a real app process."""

from __future__ import annotations

import queue
import time


def read_lines(stream, lines: queue.Queue) -> None:  # noqa: ANN001 - a text stream; runs on a reader thread
    for line in stream:
        lines.put((time.time(), line.strip()))


def wait_for(lines: queue.Queue, seen: list[str], predicate, timeout: float) -> None:  # noqa: ANN001
    """Take lines until ``predicate(line)`` holds; fail naming the last lines seen after ``timeout`` seconds."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            _at, line = lines.get(timeout=0.05)
        except queue.Empty:
            continue
        seen.append(line)
        if predicate(line):
            return
    raise AssertionError(f"the driver did not get there in {timeout} s; it said: {seen[-5:]}")
