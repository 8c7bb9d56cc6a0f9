"""The log rotates at start-up once it is large, keeping three old files."""

from __future__ import annotations

from pathlib import Path

from coachdesk.logging_setup import rotate_at_start


def test_rotation_keeps_three_old_logs(tmp_path: Path) -> None:
    log = tmp_path / "coachdesk.log"
    for generation in range(5):
        log.write_text(f"gen{generation}" + "x" * 100)
        rotate_at_start(log, max_bytes=50, keep=3)
    assert not log.exists()
    assert [(tmp_path / f"coachdesk.log.{n}").read_text()[:4] for n in (1, 2, 3)] == ["gen4", "gen3", "gen2"]
    assert not (tmp_path / "coachdesk.log.4").exists()


def test_small_log_is_left_alone(tmp_path: Path) -> None:
    log = tmp_path / "coachdesk.log"
    log.write_text("short")
    rotate_at_start(log, max_bytes=50)
    assert log.read_text() == "short" and not (tmp_path / "coachdesk.log.1").exists()
