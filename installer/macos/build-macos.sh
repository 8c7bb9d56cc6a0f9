#!/usr/bin/env bash
# Build CoachDesk.app and a .dmg on macOS (run it on a Mac: PyInstaller builds for the system it runs on).
#   installer/macos/build-macos.sh      -> dist/CoachDesk-<version>-macos-<arch>.dmg (and build/installer/dist/CoachDesk.app)
# Needs Python 3.11+ (python.org installer or Homebrew) and the Xcode command line tools (iconutil, hdiutil, codesign).
# Signing: set CODESIGN_IDENTITY="Developer ID Application: ..." to sign; otherwise the app is signed ad hoc and
# Gatekeeper asks users to confirm the first start (right-click > Open).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
VENV=installer/.build-venv-macos
OUT=build/installer
started=$(date +%s)
[ "$(uname -s)" = Darwin ] || { echo "build-macos.sh: run this on macOS" >&2; exit 1; }

version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' coachdesk/__init__.py)
arch=$(uname -m)
python=
for py in python3.13 python3.12 python3.11 python3; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python=$py; break
  fi
done
[ -n "$python" ] || { echo "build-macos.sh: needs Python 3.11 or newer" >&2; exit 1; }

echo "== build venv ($VENV)"
[ -x "$VENV/bin/python" ] || "$python" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -r installer/requirements-build.txt .
"$VENV/bin/python" -m pip install -q --no-deps --force-reinstall .

echo "== icons (iconutil from the iconset rendered from resources/icons/coachdesk.svg)"
rm -rf "$OUT/icons"
"$VENV/bin/python" installer/render_icons.py "$OUT/icons"
iconutil -c icns "$OUT/icons/coachdesk.iconset" -o "$OUT/icons/coachdesk.icns"

echo "== PyInstaller"
rm -rf "$OUT/dist"
COACHDESK_ICON_DIR=$ROOT/$OUT/icons "$VENV/bin/pyinstaller" installer/coachdesk.spec --noconfirm \
  --distpath "$OUT/dist" --workpath "$OUT/work-macos"
app=$OUT/dist/CoachDesk.app
[ -d "$app" ] || { echo "build-macos.sh: PyInstaller produced no CoachDesk.app" >&2; exit 1; }
/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$app/Contents/Info.plist"

codesign --force --deep --sign "${CODESIGN_IDENTITY:--}" "$app"

echo "== self-test of the bundle"
data=$(mktemp -d)
QT_QPA_PLATFORM=offscreen "$app/Contents/MacOS/coachdesk" --data-dir "$data" demo --agents 20 --days 90 >/dev/null
QT_QPA_PLATFORM=offscreen "$app/Contents/MacOS/coachdesk" --data-dir "$data" self-test
rm -rf "$data"

echo "== disk image"
mkdir -p dist
dmg=dist/CoachDesk-$version-macos-$arch.dmg
stage=$(mktemp -d)
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$dmg"
hdiutil create -volname "CoachDesk $version" -srcfolder "$stage" -ov -format UDZO "$dmg" >/dev/null
rm -rf "$stage"
echo "build-macos.sh: $dmg ($(du -m "$dmg" | cut -f1) MiB), built in $(( $(date +%s) - started )) s"
