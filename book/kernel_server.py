"""A prepared process that starts Jupyter kernels by forking (run as a script by book.kernels,
never imported): it imports what every kernel imports at its start (ipykernel, IPython, zmq)
and the libraries the notebooks import (numpy, pandas, matplotlib, pandera, babel), runs no
notebook code, and forks one fresh kernel per request. A kernel forked from it is the process
`python -m ipykernel_launcher -f <connection file>` would be, minus the imports: its own
session, environment, working folder, standard output and error, a numpy random state of its
own; it runs nothing of another kernel (the server never runs a cell, so there is nothing to
share). It imports nothing of the project: the notebooks' own modules are imported by each
kernel from the files as they are then.

Protocol, on the listening Unix socket the build passes (its descriptor in argv[2]): the client sends a JSON
request {"argv": [...], "env": {...}, "cwd": "..."} with three file descriptors (its standard
output and error, and a pidfd of itself: the kernel ends when the client ends), and closes its
side for writing; the server answers {"pid": N} with a pidfd of the kernel, or {"error": "..."}.
"""
import importlib
import importlib.util
import json
import os
import select
import signal
import socket
import sys
import threading

# ipykernel itself is imported by each kernel: its classes read the environment as they are defined
PRELOAD = ("IPython.core.interactiveshell", "IPython.core.completer", "jupyter_client.session",
           "jupyter_client.asynchronous", "zmq.asyncio", "tornado.ioloop", "numpy", "pandas",
           "matplotlib.pyplot", "pandera.pandas", "babel.dates", "babel.numbers", "runpy",
           # what ipykernel's debugger imports (a third of a kernel's own start)
           "debugpy.server.api", "_pydevd_bundle.pydevd_frame_utils", "_pydevd_bundle.pydevd_suspended_frames")
OWN = ("JPY_",)  # set by the kernel manager for each kernel (parent pid, session name)
# set by the build per run, read by the project's code as it runs (book.kernels.RUN_VARIABLES)
RUN = ("BOOK_RUN", "BOOK_SNAPSHOT", "BOOK_KERNEL_SERVER")
LAUNCHER = "ipykernel_launcher"


def receive(conn: socket.socket) -> tuple[dict, list[int]]:
    """One request and its file descriptors."""
    data, fds, _, _ = socket.recv_fds(conn, 1 << 16, 4)
    chunks = [data]
    while chunk := conn.recv(1 << 16):
        chunks.append(chunk)
    return json.loads(b"".join(chunks)), fds


def watch(pidfd: int) -> None:
    """End this kernel when the process behind `pidfd` (the worker that asked for it) ends, as
    ipykernel's parent poller ends a kernel whose parent is gone."""
    def wait():
        select.select([pidfd], [], [])
        os._exit(1)

    threading.Thread(target=wait, daemon=True, name="client-poller").start()


def same_environment(env: dict[str, str], start: dict[str, str], imported: dict[str, str]) -> bool:
    """Whether a kernel asked for `env` would have imported the preloaded modules under the
    environment this server imported them under (the kernel manager's and the run's own
    variables aside, and those the imports set where they were not set: `imported`)."""
    def outside(e):
        return {k: v for k, v in e.items() if not k.startswith(OWN) and k not in RUN
                and not (k in imported and v == imported[k])}

    return outside(env) == outside(start)


def set_by(before: dict[str, str]) -> dict[str, str]:
    """The variables the imports set that were not set before (pandera sets two when unset)."""
    return {k: v for k, v in os.environ.items() if k not in before}


def become_kernel(request: dict, fds: list[int]) -> None:
    """In the forked child: the process a kernel launch would start, then the kernel itself."""
    os.setsid()  # as jupyter_client's launcher: a session (and process group) of its own
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    null = os.open(os.devnull, os.O_RDONLY)
    for fd, target in ((null, 0), (fds[0], 1), (fds[1], 2)):
        os.dup2(fd, target)
    for fd in (null, fds[0], fds[1]):
        os.close(fd)
    os.environ.clear()
    os.environ.update({**request["imported"], **request["env"]})  # as the kernel's own imports would
    os.chdir(request["cwd"])
    sys.argv = [importlib.util.find_spec(LAUNCHER).origin, *request["argv"]]
    if "numpy" in sys.modules:  # a fresh process seeds numpy's global generator from the system
        sys.modules["numpy"].random.seed()
    watch(fds[2])
    from ipykernel import kernelapp

    try:
        kernelapp.launch_new_instance()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def refuse(conn: socket.socket, fds: list[int], why: str) -> None:
    """Answer with an error (the client then starts its kernel as usual)."""
    conn.sendall(json.dumps({"error": why}).encode())
    for fd in fds:
        os.close(fd)
    conn.close()


def serve(listener: socket.socket, start: dict[str, str], imported: dict[str, str]) -> None:
    """Answer requests until the build ends this process."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped at once (no zombies)
    while True:
        conn, _ = listener.accept()
        try:
            request, fds = receive(conn)
        except (OSError, ValueError) as exc:
            refuse(conn, [], f"bad request: {exc}")
            continue
        request["imported"] = imported
        if not same_environment(request["env"], start, imported):
            refuse(conn, fds, "the kernel's environment is not the one the server imported under")
            continue
        pid = os.fork()
        if pid == 0:
            listener.close()
            conn.close()
            become_kernel(request, fds)
        try:
            pidfd = os.pidfd_open(pid)
            socket.send_fds(conn, [json.dumps({"pid": pid}).encode()], [pidfd])
            os.close(pidfd)
        except OSError as exc:
            conn.sendall(json.dumps({"error": f"kernel {pid}: {exc}"}).encode())
        for fd in fds:
            os.close(fd)
        conn.close()


def die_with(parent: int) -> None:
    """SIGKILL this process when the build that started it dies (Linux prctl)."""
    import ctypes

    ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)


def main() -> None:
    """Import, then serve (argv: the pid of the build, the listening socket's descriptor)."""
    die_with(int(sys.argv[1]))
    del sys.path[0]  # this folder; ipykernel_launcher removes the working folder and IPython adds it back
    listener = socket.socket(fileno=int(sys.argv[2]))
    start = dict(os.environ)
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:  # not installed here: each kernel imports what it needs itself
            pass
    serve(listener, start, set_by(start))


if __name__ == "__main__":
    main()
