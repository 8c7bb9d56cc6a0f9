#!/usr/bin/env bash
# Smoke test of the built Linux archive, with no Python anywhere on the PATH:
#   1. unpack it into a temporary folder; every library the core of the bundle links to resolves;
#   2. `coachdesk demo` builds a fresh demo database there, then `coachdesk self-test` opens every page (exit 0);
#   3. install.sh --prefix installs the menu entry, icons and launcher, which runs; --uninstall removes them all;
#   4. under Xvfb the app starts, shows its main window "CoachDesk" (found with xdotool; screenshot kept in
#      build/installer/smoke-window.png) and quits on Ctrl+Q with exit code 0.
#   installer/smoke-linux.sh [ARCHIVE]     (default: dist/coachdesk-<version>-linux-<arch>.tar.gz)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' coachdesk/__init__.py)
archive=${1:-dist/coachdesk-$version-linux-$(uname -m).tar.gz}
[ -f "$archive" ] || { echo "smoke-linux.sh: no $archive; run installer/build-linux.sh first" >&2; exit 1; }
archive=$(cd "$(dirname "$archive")" && pwd)/$(basename "$archive")
started=$(date +%s)

tools=(Xvfb:xvfb xdotool:xdotool xprop:x11-utils)
missing=()
for pair in "${tools[@]}"; do command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "smoke-linux.sh: installing ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "smoke-linux.sh: needs ${missing[*]} (sudo apt-get install ${missing[*]})" >&2; exit 1
  fi
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/coachdesk-smoke.XXXXXX")
xvfb_pid=; app_pid=
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "smoke-linux.sh: FAIL: $*" >&2; exit 1; }

tar -C "$tmp" -xzf "$archive"
top=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d -name 'coachdesk-*' | head -n 1)
app=$top/coachdesk/coachdesk
[ -x "$app" ] || fail "no coachdesk/coachdesk in $archive"

# A PATH with no Python on it (an empty folder), no inherited environment: only what a desktop session sets.
mkdir -p "$tmp/empty-path" "$tmp/home"
clean=(env -i "PATH=$tmp/empty-path" "HOME=$tmp/home" "LANG=C.UTF-8" "TMPDIR=$tmp")
if "${clean[@]}" /bin/sh -c 'command -v python3 || command -v python' >/dev/null; then
  fail "a Python is reachable on the scrubbed PATH"
fi
# install.sh runs with the shell tools every system has, and still no Python
mkdir -p "$tmp/tools-path"
for tool in sh dirname mkdir cp rm mv ln sed find readlink id chmod cat; do
  ln -s "$(command -v "$tool")" "$tmp/tools-path/$tool"
done
with_tools=(env -i "PATH=$tmp/tools-path" "HOME=$tmp/home" "LANG=C.UTF-8")

echo "== 1. libraries of the bundle"
internal=$top/coachdesk/_internal
unresolved=$(for f in "$app" "$internal"/PySide6/Qt{Core,Gui,Widgets}.abi3.so "$internal"/PySide6/Qt/plugins/platforms/libq{xcb,offscreen}.so \
  "$internal"/PySide6/Qt/plugins/{iconengines,imageformats}/*.so; do
  [ -e "$f" ] || { echo "missing $f"; continue; }
  LD_LIBRARY_PATH=$internal:$internal/PySide6/Qt/lib ldd "$f" 2>/dev/null | grep "not found" | sed "s|^|$(basename "$f"): |" || true
done)
[ -z "$unresolved" ] || fail "unresolved libraries: $unresolved"
echo "ok"

echo "== 2. demo database and self-test (offscreen)"
data=$tmp/data
"${clean[@]}" QT_QPA_PLATFORM=offscreen "$app" --data-dir "$data" demo --agents 20 --days 90 > "$tmp/demo.log" 2>&1 \
  || { cat "$tmp/demo.log" >&2; fail "coachdesk demo exited $?"; }
[ -s "$data/coachdesk.sqlite3" ] || fail "demo wrote no database"
set +e
"${clean[@]}" QT_QPA_PLATFORM=offscreen "$app" --data-dir "$data" self-test > "$tmp/self-test.log" 2> "$tmp/self-test.err"
rc=$?
set -e
cat "$tmp/self-test.log"
[ $rc -eq 0 ] || { cat "$tmp/self-test.err" >&2; fail "self-test exited $rc"; }
grep -q "checks passed" "$tmp/self-test.log" || fail "self-test printed no summary"
[ "$("${clean[@]}" "$app" --version)" = "CoachDesk $version" ] || fail "--version does not say $version"

echo "== 3. install.sh"
prefix=$tmp/prefix
"${with_tools[@]}" sh "$top/install.sh" --prefix "$prefix" > /dev/null
for f in opt/coachdesk/coachdesk bin/coachdesk share/applications/coachdesk.desktop \
  share/icons/hicolor/48x48/apps/coachdesk.png share/icons/hicolor/256x256/apps/coachdesk.png \
  share/icons/hicolor/scalable/apps/coachdesk.svg; do
  [ -e "$prefix/$f" ] || fail "install.sh did not install $f"
done
grep -q "^Exec=\"$prefix/opt/coachdesk/coachdesk\"" "$prefix/share/applications/coachdesk.desktop" \
  || fail "the installed menu entry does not start the installed app"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$prefix/share/applications/coachdesk.desktop" || fail "invalid desktop file"
fi
[ "$("${clean[@]}" "$prefix/bin/coachdesk" --version)" = "CoachDesk $version" ] || fail "installed launcher does not run"
"${with_tools[@]}" sh "$top/install.sh" --prefix "$prefix" --uninstall > /dev/null
left=$(find "$prefix" -name 'coachdesk*' | head -n 3)
[ -z "$left" ] || fail "--uninstall left $left"
echo "ok"

echo "== 4. main window under Xvfb"
display=
for n in $(seq 91 120); do
  [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] || { display=:$n; break; }
done
[ -n "$display" ] || fail "no free X display number"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp > "$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
"${clean[@]}" "DISPLAY=$display" "$app" --data-dir "$data" > "$tmp/gui.log" 2>&1 &
app_pid=$!
wid=
for _ in $(seq 60); do
  wid=$(DISPLAY=$display xdotool search --onlyvisible --name '^CoachDesk$' 2>/dev/null | head -n 1) || true
  [ -n "$wid" ] && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$tmp/gui.log" >&2; fail "the app exited before showing its window"; }
  sleep 0.5
done
[ -n "$wid" ] || { cat "$tmp/gui.log" >&2; fail "no window named CoachDesk within 30 s"; }
sleep 2  # let the start page finish loading before the screenshot
wm_class=$(DISPLAY=$display xprop -id "$wid" WM_CLASS)
echo "window $wid: $(DISPLAY=$display xwininfo -id "$wid" | sed -n 's/.*Width: //p;s/.*Height: //p' | paste -sd x) $wm_class"
case "$wm_class" in *'"CoachDesk"'*) ;; *) fail "WM_CLASS does not match the desktop file's StartupWMClass=CoachDesk";; esac
if command -v import >/dev/null 2>&1; then
  mkdir -p build/installer
  DISPLAY=$display import -window root build/installer/smoke-window.png 2>/dev/null || true
fi
# a first run with nobody signed in asks "Who is using CoachDesk?" (a modal question over the window): answer it
# as a new user who is not in the list would, with Escape, then quit from the main window
asking=$(DISPLAY=$display xdotool search --onlyvisible --name '^Who is using CoachDesk' 2>/dev/null | head -n 1) || true
if [ -n "$asking" ]; then
  DISPLAY=$display xdotool windowfocus --sync "$asking" key --clearmodifiers Escape
  for _ in $(seq 20); do
    DISPLAY=$display xdotool search --onlyvisible --name '^Who is using CoachDesk' >/dev/null 2>&1 || break
    sleep 0.25
  done
fi
DISPLAY=$display xdotool windowfocus --sync "$wid" key --clearmodifiers ctrl+q
for _ in $(seq 40); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.25; done
kill -0 "$app_pid" 2>/dev/null && fail "the app did not quit on Ctrl+Q"
set +e
wait "$app_pid"
rc=$?
set -e
app_pid=
[ $rc -eq 0 ] || { cat "$tmp/gui.log" >&2; fail "the app exited $rc after Ctrl+Q"; }
echo "ok"
echo "smoke-linux.sh: all passed in $(( $(date +%s) - started )) s"
echo "smoke: 4 passed, 0 failed"  # the four numbered checks above
