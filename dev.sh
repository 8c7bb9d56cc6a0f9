#!/usr/bin/env bash
# CoachDesk developer entry point.
#   ./dev.sh app [ARGS...]   set everything up, then launch CoachDesk (ARGS go to the `coachdesk` command)
#   ./dev.sh test [ARGS...]  set everything up, then run the whole test suite (ARGS go to pytest)
#   ./dev.sh setup           only set up: system libraries (as root, via apt) and the .venv
#   ./dev.sh test-postgres   (as root) start the local PostgreSQL test server and print its admin URL
#   ./dev.sh stop-postgres   (as root) stop the local PostgreSQL test server
#   ./dev.sh mutate [FILES] [NAMES]  mutation testing of coachdesk/domain and coachdesk/importers with mutmut, then
#                            its score. FILES (paths or globs with a '/', e.g. coachdesk/importers/sniff.py or
#                            'coachdesk/importers/s*.py'): mutate only those, in a copy under /tmp that is kept for
#                            `mutmut results`/`mutmut show`. NAMES: mutant globs such as 'coachdesk.domain.kpi_math*'.
#                            MUTATE_JOBS=N sets mutmut's --max-children (default 2).
set -euo pipefail
cd "$(dirname "$0")"

# Shared libraries Qt 6 (PySide6 wheels) needs on Debian/Ubuntu, plus a Unicode font.
QT_PACKAGES=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
  libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xfixes0 libxcb-xkb1 fonts-dejavu-core)
# Tools the tests use: a virtual X server and PDF-to-PNG rendering.
TEST_PACKAGES=(xvfb xauth poppler-utils)
VENV=.venv

need_python() {
  for py in python3.13 python3.12 python3.11 python3; do
    if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$py"; return 0
    fi
  done
  echo "dev.sh: CoachDesk needs Python 3.11 or newer on the PATH." >&2
  exit 1
}

system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || { echo "dev.sh: not a Debian/Ubuntu system; skipping the apt check (Qt needs: ${QT_PACKAGES[*]})." >&2; return 0; }
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "dev.sh: installing system packages: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "dev.sh: these system packages are missing: ${missing[*]}" >&2
    echo "dev.sh: install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
}

python_env() {
  local py stamp
  py=$(need_python)
  if [ ! -x "$VENV/bin/python" ]; then
    "$py" -m venv "$VENV"
  fi
  stamp=$(cat pyproject.toml | sha256sum | cut -c1-16)
  if [ "$(cat "$VENV/.coachdesk-installed" 2>/dev/null)" != "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[test]"
    echo "$stamp" > "$VENV/.coachdesk-installed"
  fi
}

# PostgreSQL for the storage and service tests on a second engine: as root, a throw-away cluster on loopback in
# $PG_DIR (initdb + pg_ctl, no systemd needed; fsync off, so never for real data). `./dev.sh test` stops the server
# it started when it ends, unless another run still uses it; one started by `./dev.sh test-postgres` is left running
# for whoever asked for it, until `./dev.sh stop-postgres`. Autovacuum is off: its ANALYZE runs are write transactions
# at moments of its own, and the tests that a read is reused while nothing is committed (the change token follows the
# cluster's transactions) failed now and then when one came between two reads.
PG_DIR=${COACHDESK_PG_DIR:-/tmp/coachdesk-test-pg}
PG_PORT=${COACHDESK_PG_PORT:-54329}
PG_STARTED=0

test_postgres() {
  [ -n "${COACHDESK_TEST_PG_URL:-}" ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v dpkg-query >/dev/null 2>&1; then return 0; fi
  system_packages postgresql
  local bin pwfile="$PG_DIR.password"
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  if [ ! -f "$PG_DIR/PG_VERSION" ]; then
    rm -rf "$PG_DIR" && install -d -o postgres -g postgres -m 700 "$PG_DIR"
    (umask 077 && head -c 18 /dev/urandom | base64 | tr '+/' 'xy' > "$pwfile")
    install -o postgres -m 600 "$pwfile" "$PG_DIR.pw"
    runuser -u postgres -- "$bin/initdb" -D "$PG_DIR" -U coachdesk_admin --pwfile="$PG_DIR.pw" \
      --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$PG_DIR.pw"
  fi
  if ! runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DIR" status >/dev/null 2>&1; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w -s start -o \
      "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c full_page_writes=off -c max_connections=200 -c autovacuum=off"
    PG_STARTED=1
  fi
  mkdir -p "$PG_DIR.users" && touch "$PG_DIR.users/$$"  # this run uses the server (see stop_postgres_if_ours)
  export COACHDESK_TEST_PG_URL="postgresql+psycopg://coachdesk_admin:$(cat "$pwfile")@127.0.0.1:$PG_PORT/postgres"
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

stop_postgres() {
  local bin
  bin=$(pg_bin)
  if [ -n "$bin" ] && [ -f "$PG_DIR/PG_VERSION" ] && runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DIR" status >/dev/null 2>&1; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DIR" -w -s stop -m fast
    echo "dev.sh: stopped the PostgreSQL test server in $PG_DIR (port $PG_PORT)." >&2
  fi
}

# After `./dev.sh test`: stop the server this run started, unless another run (a live pid in $PG_DIR.users) uses it.
stop_postgres_if_ours() {
  [ -d "$PG_DIR.users" ] || return 0
  rm -f "$PG_DIR.users/$$"
  local others=() pid
  for f in "$PG_DIR.users"/*; do
    [ -e "$f" ] || continue
    pid=$(basename "$f")
    if kill -0 "$pid" 2>/dev/null; then others+=("$pid"); else rm -f "$f"; fi
  done
  if [ "$PG_STARTED" -ne 1 ]; then
    echo "dev.sh: the PostgreSQL test server in $PG_DIR was already running and is left running;" \
      "./dev.sh stop-postgres stops it." >&2
    return 0
  fi
  if [ ${#others[@]} -eq 0 ]; then
    stop_postgres
  else
    echo "dev.sh: left the PostgreSQL test server in $PG_DIR running: test runs ${others[*]} still use it;" \
      "stop it later with ./dev.sh stop-postgres." >&2
  fi
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  setup)
    system_packages "${QT_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    python_env
    ;;
  app)
    system_packages "${QT_PACKAGES[@]}"
    python_env
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      echo "dev.sh: no display found (DISPLAY/WAYLAND_DISPLAY unset). Run it from a desktop session," >&2
      echo "dev.sh: or try: xvfb-run ./dev.sh app   or   ./dev.sh app self-test" >&2
      exit 1
    fi
    exec "$VENV/bin/coachdesk" "$@"
    ;;
  test)
    system_packages "${QT_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    python_env
    test_postgres
    echo "== ruff" && "$VENV/bin/ruff" check .
    trap stop_postgres_if_ours EXIT
    echo "== pytest"
    QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
    ;;
  mutate)
    python_env
    files=() names=()
    for arg in "$@"; do
      case "$arg" in */*) files+=("$arg") ;; *) names+=("$arg") ;; esac
    done
    if [ ${#files[@]} -eq 0 ]; then
      rm -rf mutants
      QT_QPA_PLATFORM=offscreen "$VENV/bin/mutmut" run --max-children "${MUTATE_JOBS:-2}" ${names[@]+"${names[@]}"} || true
      "$VENV/bin/python" bench/mutation_score.py
    else
      # mutmut 3 mutates everything in only_mutate before it tests anything, and has no option to narrow it: run in
      # a copy whose pyproject mutates only the files asked for, with only their layers' tests (coachdesk/X -> tests/X).
      venv=$(cd "$VENV" && pwd -P)
      work=$(mktemp -d "${TMPDIR:-/tmp}/coachdesk-mutate.XXXXXX")
      tar -c --exclude=./.venv --exclude=./venv --exclude=./.git --exclude=./mutants --exclude=./.hypothesis --exclude=./bench/out --exclude=./build --exclude=./dist \
        --exclude='*/__pycache__' . | tar -x -C "$work"
      "$venv/bin/python" - "$work/pyproject.toml" "${files[@]}" <<'PY'
import json, re, sys
from pathlib import Path
path, files = Path(sys.argv[1]), sys.argv[2:]
unknown = [f for f in files if not any(Path(path.parent).glob(f))]
if unknown:
    sys.exit(f"dev.sh mutate: no file matches {', '.join(unknown)} (give paths such as coachdesk/importers/sniff.py)")
layers = sorted({f.split("/")[1] for f in files if f.count("/") >= 2 and (path.parent / "tests" / f.split("/")[1]).is_dir()})
text = re.sub(r"(?m)^only_mutate = .*$", "only_mutate = " + json.dumps(files), path.read_text())
if layers and all(f.count("/") >= 2 and f.split("/")[1] in layers for f in files):
    tests = json.dumps([f"tests/{layer}" for layer in layers])
    text = re.sub(r"(?m)^pytest_add_cli_args_test_selection = .*$", f"pytest_add_cli_args_test_selection = {tests}", text)
path.write_text(text)
PY
      echo "dev.sh: mutating only ${files[*]} in $work (mutmut results / mutmut show there)" >&2
      (cd "$work" && QT_QPA_PLATFORM=offscreen "$venv/bin/mutmut" run --max-children "${MUTATE_JOBS:-2}" \
        ${names[@]+"${names[@]}"} || true)
      (cd "$work" && "$venv/bin/python" bench/mutation_score.py) || true
      echo "dev.sh: the run is kept in $work: cd there and use mutmut results / mutmut show NAME" >&2
    fi
    ;;
  system-packages)  # Qt's libraries plus the packages named (the installer build uses it for binutils)
    system_packages "${QT_PACKAGES[@]}" "$@"
    ;;
  test-postgres)
    test_postgres
    rm -f "$PG_DIR.users/$$"  # started for whoever asked: left running until ./dev.sh stop-postgres
    [ "$PG_STARTED" -eq 1 ] && echo "dev.sh: started the PostgreSQL test server in $PG_DIR (fsync off); stop it with ./dev.sh stop-postgres." >&2
    echo "${COACHDESK_TEST_PG_URL:-dev.sh: no PostgreSQL test server: set COACHDESK_TEST_PG_URL, or run this as root}"
    ;;
  stop-postgres)
    stop_postgres
    ;;
  *)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
