"""Which process listens on a port, or has a file open: read from /proc, no extra packages.

Used before `make run` starts anything (a port conflict names the process that holds the
port) and before `restore` overwrites a database (a process with the file open is refused).
Processes of other users cannot be inspected without root; they are reported as unknown.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
TCP_LISTEN = "0A"
# Options whose value is a secret; shown as "***" when a command line is printed.
SECRET_OPTIONS = ("--auth-token", "--token", "--password")
MAX_COMMAND_CHARS = 160


@dataclass(frozen=True)
class ProcessInfo:
    pid: int
    command: str

    def describe(self) -> str:
        return f"pid {self.pid} ({self.command})"


def command_line(pid: int) -> str:
    """The process's command line for an operator message: secrets hidden, length capped."""
    try:
        raw = (PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return "?"
    parts = [part.decode(errors="replace") for part in raw.split(b"\0") if part]
    text = " ".join(_hide_secrets(parts)) or "?"
    return text if len(text) <= MAX_COMMAND_CHARS else text[: MAX_COMMAND_CHARS - 3] + "..."


def _hide_secrets(parts: list[str]) -> list[str]:
    """"--auth-token X" and "--auth-token=X" both show as the option with "***"."""
    shown = []
    for index, part in enumerate(parts):
        option, equals, _ = part.partition("=")
        if index and parts[index - 1] in SECRET_OPTIONS:
            shown.append("***")
        elif equals and option in SECRET_OPTIONS:
            shown.append(f"{option}=***")
        else:
            shown.append(part)
    return shown


def _pids() -> Iterator[int]:
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            yield int(entry.name)


def _open_files(pid: int) -> Iterator[str]:
    try:
        descriptors = list((PROC / str(pid) / "fd").iterdir())
    except OSError:  # gone, or another user's process
        return
    for descriptor in descriptors:
        try:
            yield os.readlink(descriptor)
        except OSError:
            continue


def listening_socket_inodes(port: int) -> set[str]:
    """Inodes of TCP sockets (IPv4 and IPv6) listening on `port`, from /proc/net/tcp*."""
    inodes: set[str] = set()
    for table in ("tcp", "tcp6"):
        try:
            lines = (PROC / "net" / table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) < 10 or fields[3] != TCP_LISTEN:
                continue
            if int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    return inodes


def listeners(port: int) -> list[ProcessInfo]:
    """The processes listening on `port` that this user may inspect."""
    wanted = {f"socket:[{inode}]" for inode in listening_socket_inodes(port)}
    if not wanted:
        return []
    return [ProcessInfo(pid, command_line(pid)) for pid in _pids()
            if any(target in wanted for target in _open_files(pid))]


def processes_with_open(paths: list[Path]) -> list[ProcessInfo]:
    """Processes (other than this one) that have any of `paths` open."""
    wanted = {str(path.resolve()) for path in paths}
    own = os.getpid()
    return [ProcessInfo(pid, command_line(pid)) for pid in _pids()
            if pid != own and any(target in wanted for target in _open_files(pid))]
