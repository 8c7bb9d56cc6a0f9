#!/usr/bin/env bash
# Build CoachDesk for Linux without Python on the target: a PyInstaller one-folder app, its menu entry, icons and
# install script, packed as dist/coachdesk-<version>-linux-x86_64.tar.gz.
#   installer/build-linux.sh            build (as root it installs the few Debian packages it needs with apt)
# Needs Python 3.11+ with venv and pip. PyInstaller lives in installer/.build-venv, never in the app's .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=installer/.build-venv
OUT=build/installer
started=$(date +%s)

version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' coachdesk/__init__.py)
[ -n "$version" ] || { echo "build-linux.sh: no __version__ in coachdesk/__init__.py" >&2; exit 1; }
arch=$(uname -m)
name=coachdesk-$version-linux-$arch

# PyInstaller needs objdump (binutils); Qt's own libraries (the list dev.sh uses) let it render the icons and
# find the X11/Wayland libraries the Qt plugins link to.
./dev.sh system-packages binutils

python=
for py in python3.13 python3.12 python3.11 python3; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python=$py; break
  fi
done
[ -n "$python" ] || { echo "build-linux.sh: needs Python 3.11 or newer on the PATH" >&2; exit 1; }

echo "== build venv ($VENV)"
[ -x "$VENV/bin/python" ] || "$python" -m venv "$VENV"
stamp=$(cat pyproject.toml installer/requirements-build.txt | sha256sum | cut -c1-16)
if [ "$(cat "$VENV/.coachdesk-build" 2>/dev/null)" != "$stamp" ]; then
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -r installer/requirements-build.txt .
  echo "$stamp" > "$VENV/.coachdesk-build"
fi
# the app itself always from this checkout (its dependencies are already there)
"$VENV/bin/python" -m pip install -q --no-deps --force-reinstall .

echo "== icons from resources/icons/coachdesk.svg"
mkdir -p "$OUT"
rm -rf "$OUT/icons"
QT_QPA_PLATFORM=offscreen "$VENV/bin/python" installer/render_icons.py "$OUT/icons"

echo "== PyInstaller (log: $OUT/pyinstaller.log)"
rm -rf "$OUT/dist"
if ! COACHDESK_ICON_DIR=$ROOT/$OUT/icons "$VENV/bin/pyinstaller" installer/coachdesk.spec --noconfirm \
    --distpath "$OUT/dist" --workpath "$OUT/work" > "$OUT/pyinstaller.log" 2>&1; then
  tail -n 30 "$OUT/pyinstaller.log" >&2
  echo "build-linux.sh: PyInstaller failed; the whole log is $OUT/pyinstaller.log" >&2
  exit 1
fi
grep "coachdesk.spec:" "$OUT/pyinstaller.log" || true
[ -x "$OUT/dist/coachdesk/coachdesk" ] || { echo "build-linux.sh: PyInstaller produced no app" >&2; exit 1; }

echo "== archive"
stage=$OUT/stage/$name
rm -rf "$OUT/stage"
mkdir -p "$stage/share/applications" "$stage/share/icons"
cp -a "$OUT/dist/coachdesk" "$stage/coachdesk"
cp -a "$OUT/icons/hicolor" "$stage/share/icons/hicolor"
cp installer/linux/coachdesk.desktop "$stage/share/applications/"
install -m 755 installer/linux/install.sh "$stage/install.sh"
cp LICENSE "$stage/LICENSE"
cat > "$stage/README.txt" <<EOF
CoachDesk $version for Linux ($arch); no Python needed.

  ./install.sh               install for you (menu entry, icons, ~/.local/bin/coachdesk)
  sudo ./install.sh --system install for everyone (/opt/coachdesk, /usr/share, /usr/local/bin/coachdesk)
  ./install.sh --uninstall   remove it (your coaching data is kept)
  ./coachdesk/coachdesk      or run it from here without installing

It needs the X11 or Wayland libraries every desktop has (on a minimal Debian/Ubuntu: libxcb-cursor0,
libxkbcommon-x11-0, libegl1). Licences: LICENSE, and Help > About inside the app.
EOF
mkdir -p dist
tar -C "$OUT/stage" -czf "dist/$name.tar.gz" "$name"
size=$(du -m "dist/$name.tar.gz" | cut -f1)
unpacked=$(du -sm "$stage" | cut -f1)
echo "build-linux.sh: dist/$name.tar.gz: ${size} MiB (${unpacked} MiB unpacked), built in $(( $(date +%s) - started )) s"
