"""Time the wrapper adds to the training thread per reward call: 512 completions of ~800 characters, a plain
reward function against the same function wrapped by wrap_reward_funcs and streaming to a real server.

The overhead is measured within each wrapped call: its whole time minus the time the reward function itself
took inside it, so the noise of a loaded machine in the function's own time does not swamp a difference of
microseconds. A do-nothing wrapper measured the same way gives the floor: the timing itself, and how often a
busy machine preempts a region that short (its p99 is the machine's, not the client's).

    python3 bench_overhead.py URL [--calls N] [--pause SECONDS]

Each round calls both, in alternating order. `--pause` sleeps between rounds, as a trainer generates and trains between
reward calls (seconds, in practice) while the background thread serialises and sends; `--pause 0` calls back
to back, the worst case, where that thread competes for the GIL. Prints one JSON object (microseconds)."""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from rewardscope import Rewardscope, wrap_reward_funcs  # noqa: E402

COMPLETIONS, GROUP = 512, 8


def batch(seed: int):
    rng = random.Random(seed)
    words = ["the", "answer", "is", "therefore", "we", "compute", "step", "so", "x", "=", "42", "and"]
    prompts = [f"Question {seed}-{i // GROUP}: what is {i // GROUP} + {seed}?" for i in range(COMPLETIONS)]
    completions = []
    for _ in range(COMPLETIONS):
        text = " ".join(rng.choice(words) for _ in range(250))[:770]
        completions.append(f"<think>{text}</think><answer>{rng.randint(0, 99)}</answer>")
    return prompts, completions


def accuracy_reward(prompts, completions, **kwargs):
    return [1.0 if c.endswith("<answer>42</answer>") else 0.0 for c in completions]


class Timed:
    """The reward function, timing itself: what is left of a wrapped call's time is the wrapper's."""

    def __init__(self) -> None:
        self.__name__ = "accuracy_reward"
        self.last = 0.0

    def __call__(self, prompts, completions, **kwargs):
        start = time.perf_counter()
        values = accuracy_reward(prompts, completions, **kwargs)
        self.last = time.perf_counter() - start
        return values


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--pause", type=float, default=0.05)
    parser.add_argument("--token", default=os.environ.get("REWARDSCOPE_TOKEN"))
    options = parser.parse_args()

    batches = [batch(seed) for seed in range(8)]
    chars = statistics.mean(len(c) for c in batches[0][1])
    with tempfile.TemporaryDirectory() as spool:
        client = Rewardscope(options.url, "bench-python-client", options.token, spool_dir=spool)
        inner = Timed()
        (wrapped,) = wrap_reward_funcs([inner], client)

        def bare(*args, **kwargs):
            return inner(*args, **kwargs)

        plain_us, wrapped_us, bare_us, overhead_us, floor_us = [], [], [], [], []
        for call in range(options.calls + 50):  # the first 50 warm up
            prompts, completions = batches[call % len(batches)]
            arms = [(accuracy_reward, plain_us), (wrapped, wrapped_us), (bare, bare_us)]
            for fn, times in arms[call % 3 :] + arms[: call % 3]:  # none always runs first after the pause
                start = time.perf_counter()
                fn(prompts=prompts, completions=completions)
                elapsed = time.perf_counter() - start
                if call >= 50:
                    times.append(elapsed * 1e6)
                    if fn is wrapped:
                        overhead_us.append((elapsed - inner.last) * 1e6)
                    elif fn is bare:
                        floor_us.append((elapsed - inner.last) * 1e6)
            if options.pause:
                time.sleep(options.pause)
        delivered = client.close(60)
    result = {
        "calls": options.calls,
        "completions": COMPLETIONS,
        "meanChars": chars,
        "pauseMs": options.pause * 1000,
        "plainMedianUs": statistics.median(plain_us),
        "wrappedMedianUs": statistics.median(wrapped_us),
        "plainP99Us": percentile(plain_us, 0.99),
        "wrappedP99Us": percentile(wrapped_us, 0.99),
        "delivered": delivered,
    }
    result["overheadMedianUs"] = statistics.median(overhead_us)
    result["overheadP99Us"] = percentile(overhead_us, 0.99)
    result["overheadMaxUs"] = max(overhead_us)
    result["floorMedianUs"] = statistics.median(floor_us)
    result["floorP99Us"] = percentile(floor_us, 0.99)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
