"""A private PostgreSQL cluster for the outage tests: initdb into a temporary folder, a free loopback port, started,
stopped (``pg_ctl stop -m immediate``, as a crash or a pulled cable would) and started again. Never the shared test
server: that one other tests are using. The binaries are found as ``./dev.sh`` finds them (the newest
``/usr/lib/postgresql/*/bin``, else ``initdb`` on the PATH); as root the server runs as the ``postgres`` user."""

from __future__ import annotations

import atexit
import glob
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ADMIN = "coachdesk_admin"
ROOT = Path(__file__).resolve().parents[2]


def pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: [int(x) for x in Path(p).parent.name
                                                                          .split(".") if x.isdigit()])
    if found:
        return Path(found[-1])
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="coachdesk-outage-pg-", dir="/tmp"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.password = secrets.token_urlsafe(12)
        self.as_root = os.geteuid() == 0
        self.running = False
        self.template = ""

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=check)

    def init(self) -> Cluster:
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        pwfile = self.root / "pw"
        pwfile.write_text(self.password)
        if self.as_root:
            shutil.chown(pwfile, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", ADMIN, f"--pwfile={pwfile}", "--auth=scram-sha-256",
                  "-E", "UTF8", "--locale=C.UTF-8")
        pwfile.unlink()
        return self

    def start(self) -> None:
        if self.running:
            return
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w", "-s", "start", "-o",
                  f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off "
                  "-c full_page_writes=off")
        self.running = True

    def stop(self) -> float:
        """Stop at once (no clean shutdown); returns when it was stopped (``time.monotonic``)."""
        self._run("pg_ctl", "-D", str(self.data), "-w", "-s", "stop", "-m", "immediate")
        self.running = False
        return time.monotonic()

    def url(self, database: str = "postgres", user: str = ADMIN, password: str | None = None) -> str:
        secret = self.password if password is None else password
        return f"postgresql+psycopg://{user}:{secret}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, template: str = "") -> str:
        """A new database (a copy of ``template`` when given: one upgrade serves every test)."""
        import psycopg

        self.start()
        with psycopg.connect(host="127.0.0.1", port=self.port, user=ADMIN, password=self.password,
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def upgraded(self, name: str, data_dir: Path) -> str:
        """A new database brought to this version's schema by the command a server's administrator runs."""
        url = self.create_database(name)
        run = subprocess.run([sys.executable, "-m", "coachdesk", "--db-url", url, "db", "upgrade"], cwd=ROOT,
                             env={**os.environ, "PYTHONPATH": str(ROOT), "COACHDESK_DATA_DIR": str(data_dir)},
                             capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        return name

    def remove(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-w", "-s", "stop", "-m", "immediate", check=False)
        shutil.rmtree(self.root, ignore_errors=True)


# -- fixtures shared by the outage test modules (imported there): one cluster and one upgraded template per run --

_shared: Cluster | None = None


def _shared_cluster(tmp_root: Path) -> Cluster:
    """One cluster for the whole run, whichever module asks first (each module's fixture would make its own)."""
    global _shared
    if _shared is None:
        bin_dir = pg_bin()
        if bin_dir is None:
            if os.environ.get("COACHDESK_TEST_PG_URL"):  # CI and `./dev.sh test` as root install PostgreSQL
                pytest.fail("PostgreSQL's initdb/pg_ctl were not found although a test server is configured")
            pytest.skip("the outage tests need PostgreSQL's initdb and pg_ctl (./dev.sh test as root installs them)")
        made = Cluster(bin_dir).init()
        atexit.register(made.remove)
        made.start()
        made.template = made.upgraded("outage_template", tmp_root)
        _shared = made
    return _shared


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    made = _shared_cluster(tmp_path_factory.mktemp("upgrade"))
    made.start()  # a test that failed while it was stopped leaves it down
    yield made
