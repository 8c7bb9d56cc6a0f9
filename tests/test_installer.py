"""The installer's parts that can be checked fast: icons from the one SVG, the menu entry, the scripts, the spec, and
the path helper finding resources and migrations the way the PyInstaller bundle lays them out.
(The real build and its smoke test are installer/build-linux.sh and installer/smoke-linux.sh, run by CI.)"""

from __future__ import annotations

import importlib.util
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from coachdesk import paths

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
_spec = importlib.util.spec_from_file_location("render_icons", INSTALLER / "render_icons.py")
render_icons = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(render_icons)


@pytest.fixture(scope="module")
def icons(qapp, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: ANN001 - the QApplication first
    out = tmp_path_factory.mktemp("icons")
    render_icons.render_all(out)
    return out


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_every_hicolor_size_is_rendered_from_the_svg(icons: Path) -> None:
    from PySide6.QtGui import QImage

    for n in render_icons.HICOLOR_SIZES:
        png = icons / "hicolor" / f"{n}x{n}" / "apps" / "coachdesk.png"
        assert _png_size(png.read_bytes()) == (n, n)
        image = QImage(str(png))
        centre, corner = image.pixelColor(n // 2, n // 2), image.pixelColor(0, 0)
        assert centre.alpha() == 255, n  # the mark is drawn...
        assert corner.alpha() < 128, n  # ...on a rounded tile whose corners stay transparent
    assert (icons / "hicolor" / "scalable" / "apps" / "coachdesk.svg").read_bytes() == render_icons.SOURCE_SVG.read_bytes()


def test_ico_lists_each_size_with_its_png(icons: Path) -> None:
    data = (icons / "coachdesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(render_icons.ICO_SIZES))
    for i, n in enumerate(sorted(render_icons.ICO_SIZES)):
        width, height, _c, _r, _planes, _bits, size, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i:22 + 16 * i])
        assert (width, height) == (n % 256, n % 256)
        assert _png_size(data[offset:offset + size]) == (n, n)


def test_icns_elements_hold_pngs_of_their_size(icons: Path) -> None:
    data = (icons / "coachdesk.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    sizes = {kind: n for n, kind in render_icons.ICNS_TYPES.items()}
    pos, seen = 8, set()
    while pos < len(data):
        kind, length = data[pos:pos + 4], struct.unpack(">I", data[pos + 4:pos + 8])[0]
        assert _png_size(data[pos + 8:pos + length]) == (sizes[kind], sizes[kind])
        seen.add(sizes[kind])
        pos += length
    assert seen == {16, 32, 64, 128, 256, 512, 1024}
    assert sorted(p.name for p in (icons / "coachdesk.iconset").iterdir()) == sorted(render_icons.ICONSET)


def test_an_invalid_svg_is_refused(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.svg"
    bad.write_text("<svg><not closed")
    with pytest.raises(SystemExit, match="not a valid SVG"):
        render_icons.render_png(bad, 16)


def test_desktop_file_names_the_app_icon_and_window_class() -> None:
    text = (INSTALLER / "linux" / "coachdesk.desktop").read_text()
    entries = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    assert entries["Name"] == "CoachDesk" and entries["Icon"] == "coachdesk" and entries["Exec"] == "coachdesk"
    assert entries["StartupWMClass"] == "CoachDesk"  # Qt's WM_CLASS class is the application name
    validate = shutil.which("desktop-file-validate")
    if validate:
        result = subprocess.run([validate, str(INSTALLER / "linux" / "coachdesk.desktop")], capture_output=True,
                                text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_scripts_parse_and_the_spec_compiles() -> None:
    for script in ("build-linux.sh", "smoke-linux.sh", "macos/build-macos.sh"):
        subprocess.run(["bash", "-n", str(INSTALLER / script)], check=True)
    subprocess.run(["sh", "-n", str(INSTALLER / "linux" / "install.sh")], check=True)
    compile((INSTALLER / "coachdesk.spec").read_text(), "coachdesk.spec", "exec")
    spec = (INSTALLER / "coachdesk.spec").read_text()
    # what the spec bundles is where coachdesk.paths looks in a frozen app
    assert '_folder_as_data(ROOT / "resources", "resources")' in spec
    assert '_folder_as_data(ROOT / "migrations", "migrations")' in spec
    assert 'collect_submodules("coachdesk")' in spec


def test_install_script_installs_and_uninstalls_into_a_prefix(tmp_path: Path) -> None:
    archive = tmp_path / "coachdesk-0-linux"
    (archive / "coachdesk").mkdir(parents=True)
    (archive / "coachdesk" / "coachdesk").write_text("#!/bin/sh\necho fake\n")
    (archive / "coachdesk" / "coachdesk").chmod(0o755)
    (archive / "share" / "applications").mkdir(parents=True)
    shutil.copy(INSTALLER / "linux" / "coachdesk.desktop", archive / "share" / "applications")
    (archive / "share" / "icons" / "hicolor" / "48x48" / "apps").mkdir(parents=True)
    (archive / "share" / "icons" / "hicolor" / "48x48" / "apps" / "coachdesk.png").write_bytes(b"png")
    shutil.copy(INSTALLER / "linux" / "install.sh", archive / "install.sh")
    prefix = tmp_path / "prefix"
    subprocess.run(["sh", str(archive / "install.sh"), "--prefix", str(prefix)], check=True, capture_output=True)
    desktop = (prefix / "share" / "applications" / "coachdesk.desktop").read_text()
    assert f'Exec="{prefix}/opt/coachdesk/coachdesk"' in desktop
    assert (prefix / "bin" / "coachdesk").resolve() == prefix / "opt" / "coachdesk" / "coachdesk"
    assert (prefix / "share" / "icons" / "hicolor" / "48x48" / "apps" / "coachdesk.png").is_file()
    subprocess.run(["sh", str(archive / "install.sh"), "--prefix", str(prefix), "--uninstall"], check=True,
                   capture_output=True)
    assert not [p for p in prefix.rglob("coachdesk*")]
    again = subprocess.run(["sh", str(archive / "install.sh"), "--prefix", str(prefix), "--uninstall"],
                           capture_output=True, text=True)
    assert again.returncode == 1 and "not installed" in again.stderr


def test_frozen_app_finds_its_bundled_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The bundle's layout: sys._MEIPASS (``_internal``) holds resources/ and migrations/ (see coachdesk.spec)."""
    internal = tmp_path / "coachdesk" / "_internal"
    shutil.copytree(ROOT / "resources", internal / "resources")
    shutil.copytree(ROOT / "migrations", internal / "migrations")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    assert paths.resource("icons", "coachdesk.svg") == internal / "resources" / "icons" / "coachdesk.svg"
    assert paths.migrations_dir() == internal / "migrations"
    assert (paths.migrations_dir() / "env.py").is_file()
