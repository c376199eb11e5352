"""Write the wordllama package's own embeddings of some sentences, as the reference that
assistant/embeddings.py must reproduce (tests/unit/test_embeddings.py).

Run it in a virtualenv where `wordllama==0.4.0.post1` is installed (it cannot be installed
beside Rasa 3.6), e.g.:
    python3.10 -m venv /tmp/wl && /tmp/wl/bin/pip install wordllama==0.4.0.post1
    /tmp/wl/bin/python scripts/wordllama_reference.py build/wordllama tests/data/wordllama_reference.json
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

SENTENCES = [
    "how does pain affect sleep?",
    "I took too many of my sleeping pills",
    "my chest feels tight and my left arm is numb",
    "Can't sleep because my back hurts, what helps???",
    "i dont see the point anymore",
    "¿Qué es la apnea del sueño?",
    "restless legs at night, a crawling feeling",

    "a",
    "CBT-I vs. sleeping pills: which works better for chronic pain & insomnia?",
    "My husband stops breathing in his sleep and snores loudly.",
    "<b>markup</b> &amp; emoji 😴💤",
]


def main(model_dir: str, out: str) -> None:
    from wordllama import WordLlama

    with tempfile.TemporaryDirectory() as cache:
        (Path(cache) / "tokenizers").mkdir()
        shutil.copy(Path(model_dir) / "l2_supercat_tokenizer_config.json", Path(cache) / "tokenizers")
        model = WordLlama.load("l2_supercat", cache_dir=cache, disable_download=True)
        vectors = model.embed(SENTENCES, norm=True)
    Path(out).write_text(json.dumps(
        {"package": "wordllama==0.4.0.post1", "sentences": SENTENCES,
         "embeddings": [[round(float(x), 6) for x in row] for row in vectors]},
    ) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
