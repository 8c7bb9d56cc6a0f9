"""Render the one source SVG (resources/icons/coachdesk.svg) into the PNG, ICO and ICNS icons installers need.

Run with a Python that has PySide6 (the build venv): ``python installer/render_icons.py OUT_DIR``. Writes
``OUT_DIR/hicolor/<n>x<n>/apps/coachdesk.png`` for the freedesktop sizes, ``OUT_DIR/coachdesk.ico`` (PNG-in-ICO,
Windows Vista and later), ``OUT_DIR/coachdesk.iconset/`` (the input of macOS ``iconutil``) and
``OUT_DIR/coachdesk.icns`` (written directly, for when ``iconutil`` is not at hand). Nothing here is committed:
the PNGs are build products of the SVG.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_SVG = ROOT / "resources" / "icons" / "coachdesk.svg"
#: sizes desktop environments look for under share/icons/hicolor
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: macOS iconset names -> pixel size
ICONSET = {f"icon_{n}x{n}{'@2x' if scale == 2 else ''}.png": n * scale
           for n in (16, 32, 128, 256, 512) for scale in (1, 2)}
#: ICNS PNG element types by pixel size
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09", 1024: b"ic10"}


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn into a transparent size x size image, as PNG bytes; raises if it draws nothing."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 - fonts/painting need it
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    if all(image.pixelColor(x, y).alpha() == 0 for x in range(0, size, max(1, size // 16))
           for y in range(0, size, max(1, size // 16))):
        raise SystemExit(f"render_icons: {svg} rendered an empty {size}px image")
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose images are PNGs (one directory entry per size; 256 is written as 0)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for n in sizes:
        blob = pngs[n]
        entries += struct.pack("<BBBBHHII", n % 256, n % 256, 0, 0, 1, 32, len(blob), offset + len(blobs))
        blobs += blob
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns made of PNG elements (what ``iconutil`` writes for an iconset of PNGs)."""
    body = b"".join(ICNS_TYPES[n] + struct.pack(">I", 8 + len(pngs[n])) + pngs[n]
                    for n in sorted(pngs) if n in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def render_all(out: Path, svg: Path = SOURCE_SVG) -> dict[int, bytes]:
    sizes = sorted(set(HICOLOR_SIZES) | set(ICO_SIZES) | set(ICONSET.values()))
    pngs = {n: render_png(svg, n) for n in sizes}
    for n in HICOLOR_SIZES:
        target = out / "hicolor" / f"{n}x{n}" / "apps" / "coachdesk.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[n])
    scalable = out / "hicolor" / "scalable" / "apps" / "coachdesk.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_bytes(svg.read_bytes())
    (out / "coachdesk.ico").write_bytes(ico_bytes({n: pngs[n] for n in ICO_SIZES}))
    iconset = out / "coachdesk.iconset"
    iconset.mkdir(parents=True, exist_ok=True)
    for name, n in ICONSET.items():
        (iconset / name).write_bytes(pngs[n])
    (out / "coachdesk.icns").write_bytes(icns_bytes(pngs))
    return pngs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the icons into")
    parser.add_argument("--svg", type=Path, default=SOURCE_SVG, help="source SVG (default: %(default)s)")
    args = parser.parse_args(argv)
    pngs = render_all(args.out, args.svg)
    print(f"render_icons: {len(pngs)} sizes from {args.svg.name} into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
