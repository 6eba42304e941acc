"""Free loopback ports for processes started on the fly."""

from __future__ import annotations

import socket

from bot.ports import LOOPBACK, free_port, port_is_free


def test_a_free_port_can_be_bound() -> None:
    port = free_port()
    assert port_is_free(port)
    with socket.socket() as server:
        server.bind((LOOPBACK, port))
        server.listen()
        assert not port_is_free(port)
