"""LocalStack community, started on loopback and offline, and always stopped.

Started as `python -m localstack.runtime.main` from the deploy test's own
virtual environment (the `localstack` CLI is not part of localstack-core),
in a new session so that a Ctrl-C at the terminal reaches the driver, which
then stops it: SIGTERM to the process group it leads (its id is the pid we
started), a bounded wait, then SIGKILL. Its state, temporary files and log
live in a fresh folder that is removed afterwards (kept, and named, when the
run failed).
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"
PORT = 4566
ENDPOINT = f"http://{HOST}:{PORT}"
READY_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0

# Where LocalStack would otherwise phone home (its API, analytics): a closed
# port on loopback, so nothing leaves the machine and nothing waits long.
CLOSED = "http://127.0.0.1:9"


def settings(state_dir: Path) -> dict:
    """The environment that keeps LocalStack on loopback and offline (issue 7)."""
    return {
        # The default gateway binds 0.0.0.0 whatever it is told; hypercorn obeys.
        "GATEWAY_LISTEN": f"{HOST}:{PORT}",
        "GATEWAY_SERVER": "hypercorn",
        # No DNS server (it would listen on port 53).
        "DNS_ADDRESS": "0",
        "DISABLE_EVENTS": "1",
        "SKIP_SSL_CERT_DOWNLOAD": "1",
        "API_ENDPOINT": CLOSED,
        "ANALYTICS_API": CLOSED,
        # Offline it cannot fetch its list of supported types; an unsupported
        # type is then "deployed as a fallback", which the judge reports as no verdict.
        "CFN_IGNORE_UNSUPPORTED_RESOURCE_TYPES": "1",
        # Functions reach Active without Docker; their code never runs (plugin/).
        "LAMBDA_RUNTIME_EXECUTOR": "formwork-noexec",
        # botocore inside it would ask the EC2 instance metadata service
        # (169.254.169.254) for credentials or a region: seen, and stopped here.
        "AWS_EC2_METADATA_DISABLED": "true",
        "PERSISTENCE": "0",
        # Its temporary folders (state, S3 storage) inside ours, not in the shared /tmp.
        "TMPDIR": str(state_dir / "tmp"),
        "LOCALSTACK_VOLUME_DIR": str(state_dir / "volume"),
        "FILESYSTEM_ROOT": str(state_dir / "root"),
    }


def read_peak_rss(pid: int):
    """A process's peak resident memory so far (VmHWM), in KiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


class PortTaken(Exception):
    pass


def check_port():
    """Fail clearly, naming the holder where `ss` can, when the port is taken."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # As the server binds: connections of an earlier run in TIME-WAIT do not
    # count, a listener does (Linux refuses the bind then, SO_REUSEADDR or not).
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind((HOST, PORT))
    except OSError as error:
        holder = ""
        try:
            out = subprocess.run(["ss", "-Hltnp", f"sport = :{PORT}"], capture_output=True, text=True, timeout=5).stdout
            holder = f" (ss: {out.strip()})" if out.strip() else ""
        except (OSError, subprocess.SubprocessError):
            pass
        raise PortTaken(f"port {PORT} on {HOST} is taken{holder}: {error.strerror}. "
                        "The deploy test needs it (it is LocalStack's fixed edge port); "
                        "stop whatever holds it, perhaps an earlier LocalStack, and run again.") from None
    finally:
        probe.close()


class Emulator:
    def __init__(self, python: str):
        self.python = python
        self.process = None
        self.state_dir = None  # made once the port is known to be free
        self.log_path = None
        self.version = "?"
        self.ready_seconds = None
        self.peak_rss_kb = None
        self.stop_seconds = None

    def start(self):
        check_port()
        self.state_dir = Path(tempfile.mkdtemp(prefix="formwork-deploy-"))
        self.log_path = self.state_dir / "localstack.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "LOCALSTACK_"))}
        env.update(settings(self.state_dir))
        for key in ("tmp", "volume", "root"):
            (self.state_dir / key).mkdir()
        started = time.monotonic()
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [self.python, "-m", "localstack.runtime.main"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                # A fixed working folder: plux keys its entry-point cache (~/.cache/plux)
                # on sys.path, which holds it, so a random one would add a file a run.
                env=env, cwd=sys.prefix, start_new_session=True)
        deadline = started + READY_TIMEOUT
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"LocalStack exited with status {self.process.returncode} before it was ready\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{ENDPOINT}/_localstack/info", timeout=2) as response:
                    self.version = json.load(response).get("version", "?")
                with urllib.request.urlopen(f"{ENDPOINT}/_localstack/init/ready", timeout=2) as response:
                    if json.load(response).get("completed", False):
                        break
            except (OSError, ValueError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"LocalStack was not ready within {READY_TIMEOUT:.0f} s\n{self.log_tail()}")
            time.sleep(0.2)
        self.ready_seconds = time.monotonic() - started
        self.check_loopback_only()

    def check_loopback_only(self):
        """Every socket it listens on is on 127.0.0.1 (nothing on 0.0.0.0, no DNS)."""
        try:
            out = subprocess.run(["ss", "-Hltunp"], capture_output=True, text=True, timeout=5).stdout
        except (OSError, subprocess.SubprocessError):
            return
        mine = [line for line in out.splitlines() if f"pid={self.process.pid}," in line]
        wide = [line for line in mine if line.split()[4].rsplit(":", 1)[0] not in ("127.0.0.1", "[::1]")]
        if wide:
            raise RuntimeError("LocalStack listens beyond loopback:\n" + "\n".join(wide))

    def remote_connections(self):
        """The emulator's TCP/UDP connections to anything but loopback (it
        must reach nothing beyond this machine's 127.0.0.1)."""
        if self.process is None:
            return []
        try:
            out = subprocess.run(["ss", "-Htunap"], capture_output=True, text=True, timeout=5).stdout
        except (OSError, subprocess.SubprocessError):
            return []
        found = []
        for line in out.splitlines():
            fields = line.split()
            if f"pid={self.process.pid}," not in line or len(fields) < 6 or fields[1] == "LISTEN":
                continue
            peer = fields[5].rsplit(":", 1)[0].strip("[]")
            if peer not in ("127.0.0.1", "::1", "*", "0.0.0.0", "::") and not peer.startswith("127."):
                found.append(" ".join(fields[:6]))
        return found

    def sample_memory(self):
        if self.process is not None and self.process.poll() is None:
            self.peak_rss_kb = read_peak_rss(self.process.pid) or self.peak_rss_kb

    def stop(self):
        """SIGTERM, a bounded wait, then SIGKILL; safe to call twice. The
        signals go to the process group it leads (its id is the pid we
        started), and only while it runs, so they cannot reach anyone else."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        self.peak_rss_kb = read_peak_rss(process.pid) or self.peak_rss_kb
        started = time.monotonic()
        self._signal(process, signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            print(f"deploy-test: LocalStack (pid {process.pid}) still running {STOP_TIMEOUT:.0f} s after SIGTERM: killing it",
                  file=sys.stderr)
            self._signal(process, signal.SIGKILL)
            process.wait(timeout=STOP_TIMEOUT)
        self.stop_seconds = time.monotonic() - started

    @staticmethod
    def _signal(process, sig):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            pass

    def log_tail(self, lines=30) -> str:
        if self.log_path is None:
            return "(no log)"
        try:
            text = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return "\n".join(f"  | {line}" for line in text[-lines:])

    def cleanup(self, keep: bool):
        if self.state_dir is None:
            return
        if keep:
            print(f"deploy-test: LocalStack's log and state are kept in {self.state_dir}", file=sys.stderr)
        else:
            shutil.rmtree(self.state_dir, ignore_errors=True)
