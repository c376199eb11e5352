"""The servers the tests, the benchmarks and `make cluster` start get ports no outgoing
connection can take first (cluster/prepare.py)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

import cluster.prepare
from cluster.prepare import Ports, Setup, free_port, free_ports


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


def test_a_port_is_never_handed_out_twice_even_before_its_server_binds_it(monkeypatch):
    # The random choice lands on the same port again, as it once did in CI for nginx and a replica.
    first = free_port()
    real_choice = cluster.prepare.secrets.choice
    picks = iter([first, first])
    monkeypatch.setattr(cluster.prepare.secrets, "choice", lambda ports: next(picks, None) or real_choice(ports))
    second = free_port()
    assert second != first


def test_a_cluster_gets_a_different_port_for_every_server():
    for _ in range(30):
        ports = Ports.free(replicas=3)
        assert len(set(ports.every())) == len(ports.every())


def test_a_set_up_where_two_servers_share_a_port_is_refused(tmp_path):
    ports = Ports.free()
    ports.front = ports.rasa[1]
    with pytest.raises(ValueError, match="two servers cannot share a port"):
        Setup(tmp_path, ports)
