"""Kernels forked from a prepared process (`book/kernel_server.py`) instead of started from
nothing: a kernel's start and its imports of pandas, matplotlib and pandera are most of a short
notebook's time, and the same in every notebook. The build starts one server per execution
stage; each worker's kernel manager asks it for its kernel. Each notebook still gets a fresh
kernel of its own (see the server's docstring); where the server cannot be reached, or pidfds
are missing (not Linux), the kernel is started as papermill starts it."""
from __future__ import annotations

import functools
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SERVER_ENV = "BOOK_KERNEL_SERVER"  # the server's socket, in a worker's environment
SCRIPT = Path(__file__).resolve().parent / "kernel_server.py"


def available() -> bool:
    """Whether kernels can be forked here (Linux pidfds, Unix sockets passing descriptors)."""
    return hasattr(os, "pidfd_open") and hasattr(signal, "pidfd_send_signal") and hasattr(socket, "send_fds")


class KernelServer:
    """The server process (started under the build's environment and `env`) and the socket
    address the workers use."""

    def __init__(self, env: dict[str, str]):
        self.env = dict(env)
        self.folder = tempfile.mkdtemp(prefix="book-kernels-")
        self.address = os.path.join(self.folder, "socket")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(self.address)
        listener.listen(16)
        self.log = os.path.join(self.folder, "server.log")  # the imports' chatter (a kernel has its own)
        try:
            with open(self.log, "wb") as log:
                self.process = subprocess.Popen(
                    [sys.executable, str(SCRIPT), str(os.getpid()), str(listener.fileno())],
                    env={**os.environ, **env}, pass_fds=[listener.fileno()], stdin=subprocess.DEVNULL,
                    stdout=log, stderr=log, start_new_session=True)
        finally:
            listener.close()

    def stop(self) -> None:
        """End the server (kernels it forked end with their workers) and remove its socket."""
        self.process.kill()
        self.process.wait()
        for name in (self.address, self.log, self.folder):
            try:
                (os.rmdir if name == self.folder else os.unlink)(name)
            except OSError:
                pass


# set per build and read by the project's code as it runs, never by what the server imports
# (kernel_server.py compares environments without them)
RUN_VARIABLES = ("BOOK_RUN", "BOOK_SNAPSHOT", SERVER_ENV)


def server_key(env: dict[str, str]) -> frozenset:
    """What a server started under the build's environment and `env` imported under."""
    return frozenset((k, v) for k, v in {**os.environ, **env}.items()
                     if k not in RUN_VARIABLES and not k.startswith("JPY_"))


class SharedServers:
    """The kernel servers kept across the builds of a many-edition command: the next build under
    the same environment (an edition of the same date) forks its kernels from the kept one; a
    build under another environment ends every kept server no build uses now and starts its own
    (memory stays that of one server, two while one edition's later parts run beside the next
    edition's chapters under another date)."""

    def __init__(self):
        self.servers: dict[frozenset, KernelServer] = {}
        self.users: dict[frozenset, int] = {}  # builds using each server now
        self.lock = threading.Lock()
        self.closed = False

    def acquire(self, env: dict[str, str]) -> tuple[frozenset, KernelServer]:
        """The server for `env` (started if none is kept for it), in use until `release`."""
        key = server_key(env)
        with self.lock:
            if self.closed:
                raise RuntimeError("the many-edition command has ended its kernel servers")
            if key not in self.servers:
                for unused in [k for k, n in self.users.items() if not n]:
                    self.servers.pop(unused).stop()
                    del self.users[unused]
                self.servers[key], self.users[key] = KernelServer(env), 0
            self.users[key] += 1
            return key, self.servers[key]

    def release(self, key: frozenset) -> None:
        """A build no longer uses the server of `key` (it stays kept). Nothing once the command
        closed its servers: an interrupted command's edition may end after that."""
        with self.lock:
            if key in self.users:
                self.users[key] -= 1

    def get(self, env: dict[str, str]) -> KernelServer:
        """The server for `env`, not held in use."""
        key, server = self.acquire(env)
        self.release(key)
        return server

    def close(self) -> list[KernelServer]:
        """End every kept server; returns them (their markers find what is left of their kernels)."""
        with self.lock:
            self.closed = True
            ended = list(self.servers.values())
            for server in ended:
                server.stop()
            self.servers.clear()
            self.users.clear()
            return ended


class LazyServer:
    """A kernel server for all execution stages of one build, started when the first stage has
    a notebook to execute (a build that takes every notebook from the cache starts none); with
    `shared`, the server kept for a many-edition command."""

    def __init__(self, env: dict[str, str], shared: SharedServers | None = None):
        self.env, self.server, self.shared, self.key = env, None, shared, None

    def get(self) -> KernelServer | None:
        """The server, started now if it is not yet (None where kernels cannot be forked)."""
        if self.server is None and available():
            if self.shared:
                self.key, self.server = self.shared.acquire(self.env)
            else:
                self.server = KernelServer(self.env)
        return self.server

    def on_miss(self, verdicts):
        """`verdicts` (book.verdicts) that start the server at the first check not remembered:
        a build with a new input will execute, and the server's imports overlap the checks."""
        lazy = self

        class Starting:
            def passed(self, key: str) -> bool:
                ok = verdicts.passed(key)
                if not ok:
                    lazy.get()
                return ok

            def remember(self, key: str) -> None:
                verdicts.remember(key)

        return Starting()

    def stop(self) -> None:
        """End the server if it was started (a shared one is released: it ends with its command)."""
        if self.server is not None and self.shared is None:
            self.server.stop()
        elif self.server is not None:
            self.shared.release(self.key)
        self.server = None


class ForkedKernel:
    """The part of subprocess.Popen that jupyter_client uses, for a kernel that is not our
    child: a pidfd to wait for it and to signal it (no pid reuse can mislead either). Its exit
    status is not ours to read: 0 once it ended."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int, pidfd: int):
        self.pid, self._pidfd, self.returncode = pid, pidfd, None

    def poll(self) -> int | None:
        """None while the kernel runs."""
        return self.wait(0) if self._ended(0) else None

    def _ended(self, timeout: float | None) -> bool:
        if self.returncode is not None:
            return True
        return bool(select.select([self._pidfd], [], [], timeout)[0])

    def wait(self, timeout: float | None = None) -> int:
        """Wait until the kernel has ended."""
        if not self._ended(timeout):
            raise subprocess.TimeoutExpired(["kernel"], timeout)
        if self.returncode is None:
            self.returncode = 0
            os.close(self._pidfd)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        """Signal the kernel (nothing once it ended)."""
        if self.returncode is None:
            try:
                signal.pidfd_send_signal(self._pidfd, signum)
            except ProcessLookupError:
                pass

    def kill(self) -> None:
        """SIGKILL."""
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        """SIGTERM."""
        self.send_signal(signal.SIGTERM)


def request_kernel(address: str, argv: list[str], env: dict[str, str], cwd: str) -> ForkedKernel:
    """Ask the server for a kernel started with `argv` (after `python -m ipykernel_launcher`)."""
    me = os.pidfd_open(os.getpid())
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.connect(address)
            socket.send_fds(conn, [json.dumps({"argv": argv, "env": env, "cwd": cwd}).encode()],
                            [sys.stdout.fileno(), sys.stderr.fileno(), me])
            conn.shutdown(socket.SHUT_WR)
            data, fds, _, _ = socket.recv_fds(conn, 1 << 16, 1)
    finally:
        os.close(me)
    answer = json.loads(data or b'{"error": "the kernel server ended"}')
    if "error" in answer or not fds:
        raise OSError(answer.get("error", "no pidfd"))
    return ForkedKernel(answer["pid"], fds[0])


def forkable(cmd: list[str]) -> bool:
    """Whether `cmd` is the ordinary start of a Python kernel of this interpreter."""
    return cmd[:3] == [sys.executable, "-m", "ipykernel_launcher"]


@functools.cache
def forking_manager() -> type:
    """The kernel manager class that asks the stage's kernel server (SERVER_ENV) for its kernel
    (built on first use: the build imports jupyter_client only to execute)."""
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class ForkingKernelManager(AsyncKernelManager):
        @default("client_factory")
        def _client_factory_default(self) -> type:
            return ready_client()

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
            address = os.environ.get(SERVER_ENV)
            if not address or not forkable(kernel_cmd):
                return await super()._async_launch_kernel(kernel_cmd, **kw)
            env = {k: v for k, v in (kw.get("env") or os.environ).items() if k != SERVER_ENV}
            env["JPY_PARENT_PID"] = str(os.getpid())  # as jupyter_client's launcher sets it
            cwd = str(kw.get("cwd") or os.getcwd())
            try:
                kernel = request_kernel(address, kernel_cmd[3:], env, cwd)
            except OSError as exc:
                self.log.warning("kernel server: %s; starting the kernel as usual", exc)
                return await super()._async_launch_kernel(kernel_cmd, **kw)
            provisioner = self.provisioner
            provisioner.process = kernel
            provisioner.pid = provisioner.pgid = kernel.pid
            provisioner.cwd = cwd
            self._reconcile_connection_info(provisioner.connection_info)

    return ForkingKernelManager


@functools.cache
def ready_client() -> type:
    """jupyter_client's kernel client, except that once the kernel answered `kernel_info` on
    both channels it does not wait 0,2 s for IOPub to fall silent: it takes what has arrived and
    goes on. What arrives later belongs to that request, and nbclient reads only the messages of
    the cell it runs (by their parent's id), so the executed notebook is the same."""
    from queue import Empty

    from jupyter_client.asynchronous import AsyncKernelClient

    class ReadyKernelClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout: float | None = None) -> None:
            deadline = time.time() + (float("inf") if timeout is None else timeout)
            while not await self._answered_kernel_info():
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.time() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
            while True:  # what IOPub holds now, without waiting for more
                try:
                    await self.iopub_channel.get_msg(timeout=0)
                except Empty:
                    return

        async def _answered_kernel_info(self) -> bool:
            """Ask once; whether the reply came on the shell channel and IOPub is connected
            (a message on it within 0,2 s), as jupyter_client's own loop asks."""
            self.kernel_info()
            try:
                msg = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                return False
            if msg["msg_type"] != "kernel_info_reply":
                return False
            try:
                await self.iopub_channel.get_msg(timeout=0.2)
            except Empty:
                return False
            self._handle_kernel_info_reply(msg)
            return True

    return ReadyKernelClient
