"""Local Neo4j runner: embedded Neo4j Community 5.26 with Bolt, managed as a background process.

Machines without a Docker engine still run the real engine: the Java launcher in
`neo4j-runner/` is built once with Maven (the artifacts come from Maven Central and
stay in the local Maven cache), then started with a bounded heap and page cache.
Data lives under `neo4j_home/data` and survives restarts; output goes to
`neo4j_home/logs/runner.log`; the pid is kept in `neo4j_home/run/neo4j.pid`.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from app.core.config import Settings
from app.core.errors import RunnerError

LAUNCHER_CLASS = "brm.neo4j.LocalNeo4j"
JAVA_OPENS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
]


@dataclass(frozen=True)
class RunnerStatus:
    running: bool
    pid: int | None
    message: str


class LocalNeo4j:
    """Start, stop and inspect one local Neo4j, identified by its home folder."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.home = Path(settings.neo4j_home)
        self.runner_dir = Path(settings.neo4j_runner_dir)
        self.pid_file = self.home / "run" / "neo4j.pid"
        self.log_file = self.home / "logs" / "runner.log"
        self.conf_file = self.home / "neo4j.conf"

    # ------------------------------------------------------------------ build
    def ensure_built(self) -> None:
        """Build the launcher with Maven unless the jar is newer than its sources."""
        require_tool("java", "Java 17 (e.g. `apt-get install openjdk-17-jre-headless`)")
        jar = self.runner_dir / "target" / "brm-neo4j-runner-1.0.0.jar"
        sources = [self.runner_dir / "pom.xml", *self.runner_dir.glob("src/**/*.java")]
        if jar.exists() and (self.runner_dir / "target" / "lib").is_dir() and all(
            jar.stat().st_mtime >= src.stat().st_mtime for src in sources
        ):
            return
        require_tool("mvn", "Maven 3.8+ (e.g. `apt-get install maven`)")
        result = subprocess.run(
            ["mvn", "-q", "-B", "-f", str(self.runner_dir / "pom.xml"), "package"],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise RunnerError(f"building the Neo4j launcher with Maven failed:\n{(result.stdout + result.stderr)[-3000:]}")

    # ------------------------------------------------------------------ status
    def pid(self) -> int | None:
        """The pid of our live launcher, or None (a stale pid file is ignored)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        return pid if _is_our_process(pid) else None

    def status(self) -> RunnerStatus:
        pid = self.pid()
        if pid is None:
            return RunnerStatus(False, None, f"not running (home {self.home})")
        try:
            self._verify_connectivity()
        except AuthError:
            return RunnerStatus(True, pid, f"running (pid {pid}) at {self.settings.neo4j_uri}, but "
                                "authentication failed: NEO4J_USER/NEO4J_PASSWORD do not match the "
                                f"password this database was created with (home {self.home})")
        except ServiceUnavailable as exc:
            return RunnerStatus(True, pid, f"process up (pid {pid}) but Bolt does not answer yet: {exc}")
        return RunnerStatus(True, pid, f"running (pid {pid}) at {self.settings.neo4j_uri}, data in {self.home / 'data'}")

    # ------------------------------------------------------------------ start
    def start(self) -> RunnerStatus:
        """Start in the background and return once the driver connects; idempotent."""
        self.home.mkdir(parents=True, exist_ok=True)
        with self._lock():
            existing = self.pid()
            if existing is not None:
                status = self.status()
                if "authentication failed" in status.message:
                    raise RunnerError(status.message)
                return RunnerStatus(True, existing, f"already running (pid {existing}) at {self.settings.neo4j_uri}")
            self.ensure_built()
            self._write_conf()
            log_offset = self.log_file.stat().st_size if self.log_file.exists() else 0
            process = self._spawn()
            self.pid_file.parent.mkdir(parents=True, exist_ok=True)
            self.pid_file.write_text(str(process.pid))
            self._wait_until_ready(process, log_offset)
            return RunnerStatus(True, process.pid, f"started (pid {process.pid}) at {self.settings.neo4j_uri}, data in {self.home / 'data'}")

    def _write_conf(self) -> None:
        listen = f"127.0.0.1:{self.settings.neo4j_port}"
        lines = {
            "server.bolt.enabled": "true",
            "server.bolt.listen_address": listen,
            "server.bolt.advertised_address": listen,
            "dbms.security.auth_enabled": "true",
            "server.memory.pagecache.size": self.settings.neo4j_pagecache,
            "db.tx_log.rotation.retention_policy": "2 files",
            "server.directories.logs": str(self.home / "logs"),
            # issue 19: plans cached by parameter TYPES only. By default Neo4j also keys its plan cache on the
            # size bucket of every string and list parameter (0, 1, ≤10, ≤100, … chars or items), so an id of
            # 11 characters or a deal of 12 members re-planned reach.cypher (5-60 s) after the warm-up had
            # planned it for another size; the warm-up's one plan per query now serves every request.
            "internal.cypher.use_parameter_size": "false",
            **self.settings.neo4j_extra_conf,
        }
        self.conf_file.write_text("".join(f"{key}={value}\n" for key, value in lines.items()))

    def _spawn(self) -> subprocess.Popen[bytes]:
        target = self.runner_dir / "target"
        classpath = os.pathsep.join([str(target / "classes"), str(target / "lib" / "*")])
        command = [
            "java",
            f"-Xms{self.settings.neo4j_heap}",
            f"-Xmx{self.settings.neo4j_heap}",
            "-XX:+UseG1GC",
            *JAVA_OPENS,
            f"-Dbrm.home={self.home}",
            f"-Dbrm.conf={self.conf_file}",
            "-cp",
            classpath,
            LAUNCHER_CLASS,
        ]
        env = {
            **os.environ,
            "NEO4J_USER": self.settings.neo4j_user,
            "NEO4J_PASSWORD": self.settings.neo4j_password.get_secret_value(),
        }
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_file, "ab") as log:
            log.write(f"\n=== brm neo4j start {time.strftime('%Y-%m-%dT%H:%M:%S')} ===\n".encode())
            log.flush()
            return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    env=env, start_new_session=True)

    def _wait_until_ready(self, process: subprocess.Popen[bytes], log_offset: int) -> None:
        """Wait for the launcher's READY line (users initialised), then for the driver to connect."""
        deadline = time.monotonic() + self.settings.neo4j_start_timeout_s
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self.pid_file.unlink(missing_ok=True)
                raise RunnerError(f"Neo4j exited with status {process.returncode} while starting.\n"
                                  f"Last lines of {self.log_file}:\n{self.log_tail()}")
            if not self._launcher_said_ready(log_offset):
                time.sleep(0.3)
                continue
            try:
                self._verify_connectivity()
                return
            except AuthError as exc:
                self._terminate(process.pid)
                raise RunnerError("Neo4j started but refused NEO4J_USER/NEO4J_PASSWORD: the database in "
                                  f"{self.home} was created with another password ({exc.message})") from None
            except ServiceUnavailable as exc:
                last_error = exc
                time.sleep(0.5)
        self._terminate(process.pid)
        raise RunnerError(f"Neo4j did not accept Bolt connections within {self.settings.neo4j_start_timeout_s:.0f}s "
                          f"({last_error}).\nLast lines of {self.log_file}:\n{self.log_tail()}")

    def _launcher_said_ready(self, log_offset: int) -> bool:
        with open(self.log_file, "rb") as log:
            log.seek(log_offset)
            return b"BRM_NEO4J_READY" in log.read()

    def _verify_connectivity(self) -> None:
        auth = (self.settings.neo4j_user, self.settings.neo4j_password.get_secret_value())
        with GraphDatabase.driver(self.settings.neo4j_uri, auth=auth, connection_timeout=2.0) as driver:
            driver.verify_connectivity()
            driver.verify_authentication()

    # ------------------------------------------------------------------ stop
    def stop(self, timeout_s: float = 60.0) -> RunnerStatus:
        """Ask the launcher to shut down (SIGTERM runs Neo4j's clean shutdown) and wait for it."""
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return RunnerStatus(False, None, "not running")
        self._terminate(pid, timeout_s)
        return RunnerStatus(False, None, f"stopped (was pid {pid})")

    def _terminate(self, pid: int, timeout_s: float = 60.0) -> None:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and _pid_alive(pid):
            time.sleep(0.2)
        if _pid_alive(pid):
            os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return "(no log yet)"

    @contextmanager
    def _lock(self) -> Iterator[None]:
        """Serialise starts on this home, so two `start` calls never launch two servers."""
        lock_path = self.home / "runner.lock"
        with open(lock_path, "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def require_tool(name: str, hint: str) -> None:
    if shutil.which(name) is None:
        raise RunnerError(f"`{name}` was not found on PATH; the local Neo4j runner needs {hint}. "
                          "Or set NEO4J_URI to an existing Neo4j (Docker, a cluster, Aura).")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child of this process counts as gone
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
        if state == "Z":
            os.waitpid(pid, os.WNOHANG)
            return False
    except (FileNotFoundError, ChildProcessError, IndexError):
        pass
    return True


def _is_our_process(pid: int) -> bool:
    """A pid file may outlive its process and the pid be reused: check the command line too."""
    if not _pid_alive(pid):
        return False
    try:
        return LAUNCHER_CLASS.encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return False
