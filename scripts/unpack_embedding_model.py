"""Unpack wordllama's model files (weights, tokenizer) from its pinned wheel into a folder.

Usage: python scripts/unpack_embedding_model.py WHEEL OUT_DIR (run by `make setup`).
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

FILES = ("wordllama/weights/l2_supercat_256.safetensors", "wordllama/tokenizers/l2_supercat_tokenizer_config.json")


def main(wheel: str, out_dir: str) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as archive:
        for name in FILES:
            (out / Path(name).name).write_bytes(archive.read(name))
    print(f"Embedding model unpacked into {out}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
