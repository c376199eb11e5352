"""Choose the FallbackClassifier threshold on held-out data (never trained on).

    .venv/bin/python scripts/tune_fallback.py [models/current.tar.gz]

Parses tests/nlu/heldout.yml with the trained model and, for each threshold, counts the
messages that would be answered under the right intent, under a wrong intent (the costly
error: a wrong answer), or sent to the fallback ("I'm not sure I understood"). For
out_of_scope messages the fallback is as honest as the right intent.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rasa.core.agent import Agent  # noqa: E402
from rasa.shared.nlu.training_data.loading import load_data  # noqa: E402

from assistant.names import RED_FLAG_INTENTS, Intent  # noqa: E402

HONEST_EITHER_WAY = {"out_of_scope", "other_language"}


async def predictions(model: str) -> list[tuple[str, str, float]]:
    agent = Agent.load(model)
    data = load_data("tests/nlu/heldout.yml")
    rows = []
    for example in data.intent_examples:
        parsed = await agent.parse_message(example.get("text"))
        ranking = [r for r in parsed["intent_ranking"] if r["name"] != Intent.NLU_FALLBACK]
        top = parsed["intent"] if parsed["intent"]["name"] in RED_FLAG_INTENTS | {Intent.OTHER_LANGUAGE} else ranking[0]
        rows.append((example.get("intent"), top["name"], float(top["confidence"])))
    return rows


def main() -> int:
    model = sys.argv[1] if len(sys.argv) > 1 else "models/current.tar.gz"
    rows = asyncio.run(predictions(model))
    print(f"{len(rows)} held-out messages")
    print("threshold  right  wrong  fallback(of right)")
    for threshold in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7):
        right = wrong = lost = 0
        for gold, predicted, confidence in rows:
            if confidence < threshold:
                if gold in HONEST_EITHER_WAY:
                    right += 1
                else:
                    lost += 1
            elif predicted == gold:
                right += 1
            else:
                wrong += 1
        print(f"{threshold:9.2f}  {right:5d}  {wrong:5d}  {lost:8d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
