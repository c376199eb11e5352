"""Start the Rasa server with this project's patches to Rasa installed, and only then.

    .venv/bin/python scripts/rasa_server.py run --model models/current.tar.gz ...

The arguments are ``rasa``'s own. `make run`, `make cluster`, the tests and the benchmarks
start Rasa through this launcher: the patches (connectors/rasa_patches.py) are installed here,
each named in the start log, and the sessions they open are closed when the server stops
(through ``server_listeners``, the listener hook of Rasa's ``serve_application``).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def without_jax() -> None:
    """Make ``import jax`` fail (ImportError). TensorFlow imports JAX, when it is installed (a
    dependency of its wheel), only for TF Lite's converter from JAX functions, which Rasa never
    calls; TensorFlow carries on without it, and the import was ~0.5 s of the server's start."""
    if "jax" not in sys.modules:
        sys.modules["jax"] = None  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> None:
    sys.path.insert(0, str(ROOT))  # the connectors package, as `rasa run` finds it from the project root
    without_jax()
    import rasa.__main__

    from connectors import rasa_patches, rasa_speedups

    # Rasa sets up its logging only later, in its main(): these lines get a handler of their own.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-8s %(name)s  - %(message)s",
                                           "%Y-%m-%d %H:%M:%S"))
    rasa_patches.logger.addHandler(handler)
    rasa_patches.logger.setLevel(logging.INFO)
    rasa_patches.logger.propagate = False

    rasa_patches.install_all()
    rasa_parser = rasa.__main__.create_argument_parser

    def parser_with_listeners():  # `rasa run` hands every parsed argument to serve_application
        parser = rasa_parser()
        parser.set_defaults(server_listeners=[(rasa_speedups.close_kept_sessions, "after_server_stop")])
        return parser

    rasa.__main__.create_argument_parser = parser_with_listeners
    sys.argv = ["rasa", *(sys.argv[1:] if argv is None else argv)]
    rasa.__main__.main()


if __name__ == "__main__":
    main()
