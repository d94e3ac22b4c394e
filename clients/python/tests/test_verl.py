"""verl_compute_score: verl's reward managers call compute_score once per completion, by keyword."""

from __future__ import annotations

import time
import unittest

from support import TempDirs, completions, needs_server, step_report, steps_analysed

from rewardscope import verl_compute_score


def compute_score(data_source, solution_str, ground_truth, extra_info=None):
    """A verl-style score: a dict with "score" and extra fields, as verl's math scorers return."""
    if "crash" in solution_str:
        raise ValueError("unparsable answer")
    correct = solution_str.strip().endswith(ground_truth)
    return {"score": 1.0 if correct else 0.0, "acc": correct}


def always_one(data_source, solution_str, ground_truth, extra_info=None):
    return 1.0


def score_batch(scorer, step: int) -> list:
    """One verl batch: 2 prompts x 3 rollouts, scored one by one like NaiveRewardManager does."""
    results = []
    for index, answer in ((0, "4"), (1, "6")):
        for i in range(3):
            solution = f"step {step}: the answer is {answer if i else 'crash' if index else 5}"
            info = {"index": index, "question": f"question {index}", "split": "train"}
            try:
                kwargs = {"data_source": "openai/gsm8k", "solution_str": solution, "ground_truth": answer}
                results.append(scorer(**kwargs, extra_info=info))
            except ValueError:
                results.append(None)
    return results


@needs_server
class VerlComputeScore(TempDirs):
    def test_scores_of_one_step_make_one_batch_with_groups_calls_and_errors(self) -> None:
        run = "py-verl"
        client = self.client(run)
        scorer = verl_compute_score(compute_score, client)
        self.assertEqual(scorer.__name__, "compute_score")
        for step in range(3):
            client.set_step(step)
            results = score_batch(scorer, step)
            self.assertEqual(results[1], {"score": 1.0, "acc": True}, "the result passes through unchanged")
            self.assertIsNone(results[3], "the exception reached the caller")
        self.assertTrue(client.close(10))

        self.assertEqual(steps_analysed(run, 3)["stepCount"], 3)
        report = step_report(run, 2)
        self.assertEqual(report["count"], 6)
        self.assertEqual(report["rewards"]["compute_score"]["nullCount"], 1)
        self.assertEqual(report["rewards"]["compute_score"]["batch"]["mean"], 0.8)  # 4 of the 5 scored
        self.assertEqual(report["groups"]["groups"], 2)
        calls = report["calls"]["compute_score"]
        self.assertEqual((calls["calls"], calls["errors"]), (6, 1))
        stored = sorted(completions(run, 2), key=lambda c: c["index"])
        self.assertEqual(stored[0]["completion"], "step 2: the answer is 5")
        self.assertEqual(stored[0]["prompt"], "question 0")

    def test_without_a_step_a_pause_in_scoring_ends_a_batch(self) -> None:
        run = "py-verl-gap"
        client = self.client(run)
        scorer = verl_compute_score(always_one, client, gap=0.5)
        for step in range(2):
            for i in range(4):
                self.assertEqual(scorer("ds", f"batch {step} rollout {i}", "x", {"index": i // 2}), 1.0)
            time.sleep(1.5)
        self.assertTrue(client.close(10))
        self.assertEqual(steps_analysed(run, 2)["stepCount"], 2)
        self.assertEqual([c["completion"] for c in sorted(completions(run, 1), key=lambda c: c["index"])],
                         [f"batch 1 rollout {i}" for i in range(4)])
        self.assertEqual(step_report(run, 0)["groups"]["groups"], 2)


if __name__ == "__main__":
    unittest.main()
