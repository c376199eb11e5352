"""How the servers are started and kept running: supervisord's configurations for `make run`
(run.conf) and `make cluster` (cluster.conf), and a small client of its XML-RPC interface
(processes.py). See docs/operations.md."""
