#!/bin/sh
# Install CoachDesk from this unpacked archive where desktop environments look for it (or remove it again).
#   ./install.sh                 for you alone: ~/.local/opt/coachdesk, ~/.local/bin, ~/.local/share (no root)
#   sudo ./install.sh --system   for everyone: /opt/coachdesk, /usr/local/bin, /usr/share
#   ./install.sh --uninstall     remove it again (add --system for a system-wide install)
#   ./install.sh --prefix DIR    app in DIR/opt/coachdesk, launcher in DIR/bin, menu entry and icons in DIR/share
set -eu

here=$(cd "$(dirname "$0")" && pwd)
mode=user
action=install
prefix=
while [ $# -gt 0 ]; do
  case "$1" in
    --system) mode=system ;;
    --user) mode=user ;;
    --uninstall) action=uninstall ;;
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }; prefix=$2; shift ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ -n "$prefix" ]; then
  app_dir=$prefix/opt/coachdesk; bin_dir=$prefix/bin; share=$prefix/share
elif [ "$mode" = system ]; then
  app_dir=/opt/coachdesk; bin_dir=/usr/local/bin; share=/usr/share
  if [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: --system writes to /opt and /usr; run it with sudo (or install for yourself without --system)" >&2
    exit 1
  fi
else
  data_home=${XDG_DATA_HOME:-$HOME/.local/share}
  app_dir=$HOME/.local/opt/coachdesk; bin_dir=$HOME/.local/bin; share=$data_home
fi
desktop_file=$share/applications/coachdesk.desktop
icon_root=$share/icons/hicolor

refresh_caches() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icon_root" 2>/dev/null || true
}

if [ "$action" = uninstall ]; then
  if [ ! -e "$app_dir/coachdesk" ] && [ ! -e "$desktop_file" ]; then
    echo "install.sh: CoachDesk is not installed in $app_dir" >&2
    exit 1
  fi
  if [ -L "$bin_dir/coachdesk" ] && [ "$(readlink "$bin_dir/coachdesk")" = "$app_dir/coachdesk" ]; then
    rm -f "$bin_dir/coachdesk"
  fi
  rm -f "$desktop_file"
  for icon in "$icon_root"/*/apps/coachdesk.png "$icon_root"/scalable/apps/coachdesk.svg; do
    [ -e "$icon" ] && rm -f "$icon"
  done
  rm -rf "$app_dir"
  refresh_caches
  echo "CoachDesk removed from $app_dir (your coaching data stays in your data folder)."
  exit 0
fi

[ -x "$here/coachdesk/coachdesk" ] || { echo "install.sh: run me from the unpacked CoachDesk archive" >&2; exit 1; }
mkdir -p "$(dirname "$app_dir")" "$bin_dir" "$share/applications"
rm -rf "$app_dir.new"
cp -R "$here/coachdesk" "$app_dir.new"
rm -rf "$app_dir"
mv "$app_dir.new" "$app_dir"
ln -sf "$app_dir/coachdesk" "$bin_dir/coachdesk"
(cd "$here/share/icons/hicolor" && find . -type f) | while read -r icon; do
  mkdir -p "$(dirname "$icon_root/$icon")"
  cp "$here/share/icons/hicolor/$icon" "$icon_root/$icon"
done
sed -e "s|^Exec=coachdesk|Exec=\"$app_dir/coachdesk\"|" -e "s|^TryExec=coachdesk|TryExec=$app_dir/coachdesk|" \
  "$here/share/applications/coachdesk.desktop" > "$desktop_file"
chmod 644 "$desktop_file"
refresh_caches
echo "CoachDesk installed in $app_dir; it is in your applications menu, and '$bin_dir/coachdesk' starts it."
case ":$PATH:" in *":$bin_dir:"*) ;; *) echo "(Add $bin_dir to your PATH to type 'coachdesk' in a terminal.)" ;; esac
