"""The servers the tests, the benchmarks and `make cluster` start get ports no outgoing
connection can take first (cluster/prepare.py)."""

from __future__ import annotations

import socket
from pathlib import Path

from cluster.prepare import free_port, free_ports


def _outgoing_ports() -> range:
    low, high = (int(x) for x in Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    return range(low, high + 1)


def test_free_ports_are_outside_the_range_the_kernel_gives_outgoing_connections():
    outgoing = _outgoing_ports()
    for _ in range(50):
        assert free_port() not in outgoing
        assert not set(free_ports(2)) & set(outgoing)


def test_consecutive_free_ports_can_all_be_bound():
    ports = free_ports(3)
    assert ports == list(range(ports[0], ports[0] + 3))
    for port in ports:
        with socket.socket() as server:
            server.bind(("127.0.0.1", port))
