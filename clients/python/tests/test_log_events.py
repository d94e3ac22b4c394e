"""log_rewards, log_metrics and step_end for any training loop: what a trainer hands over is made valid here,
since one bad event would make the server refuse the whole batch it travels in."""

from __future__ import annotations

import unittest
from decimal import Decimal

from support import TempDirs, completions, needs_server, step_report

import rewardscope
from rewardscope import RewardscopeError


@needs_server
class LogEvents(TempDirs):
    def test_a_bad_event_is_dropped_alone_and_odd_values_become_numbers_or_nulls(self) -> None:
        run = "py-log-events"
        client = self.client(run, flush_interval=5)  # everything below travels in one batch
        with self.assertLogs("rewardscope", "WARNING") as logs:
            client.log_rewards(0, {"accuracy": [1, 0]}, completions=["only one"])  # lengths differ: dropped
            client.log_rewards(
                0,
                {"accuracy": [Decimal("1.5"), float("nan"), None, "x"], "format": [True, False, 1, 0]},
                completions=["a", "b", [{"role": "assistant", "content": "c"}], "d"],
                prompts=["p", "p", "q", "q"],
                groups=[0, 0, 1, 1],
            )
            client.log_metrics(0, {"loss": 0.25, "kl": float("inf"), "bad\nkey": 1.0, "": 2.0, "lr": "n/a"})
            client.step_end(0)
            self.assertTrue(client.close(10))
        self.assertTrue(any("arrays of different lengths" in line for line in logs.output))

        report = step_report(run, 0)
        self.assertEqual(report["count"], 4)
        self.assertEqual(report["rewards"]["accuracy"]["nullCount"], 3)
        self.assertEqual(report["rewards"]["accuracy"]["batch"]["mean"], 1.5)
        self.assertEqual(report["rewards"]["format"]["batch"]["mean"], 0.5)
        self.assertEqual(report["metrics"], {"loss": 0.25})
        self.assertEqual(sorted(c["completion"] for c in completions(run, 0)), ["a", "b", "c", "d"])

    def test_a_rewards_event_too_big_for_one_request_is_split_between_groups(self) -> None:
        run = "py-split"
        client = self.client(run)
        self.addCleanup(setattr, rewardscope, "_MAX_BATCH_BYTES", rewardscope._MAX_BATCH_BYTES)
        rewardscope._MAX_BATCH_BYTES = 3000  # the real limit is 4 MiB; the splitting is the same
        texts = [f"group {i // 8} completion {i} " + "x" * 80 for i in range(64)]
        rewards = [float(i % 8 == 0) if i < 32 else 0.5 for i in range(64)]  # groups 4-7: all equal
        client.log_rewards(0, {"score": rewards}, completions=texts, groups=[i // 8 for i in range(64)])
        client.step_end(0)
        self.assertTrue(client.close(10))
        report = step_report(run, 0)
        self.assertEqual(report["count"], 64)
        self.assertEqual(report["groups"]["groups"], 8, "no group was cut in two")
        self.assertEqual(report["groups"]["zeroStdFraction"], 0.5)
        self.assertEqual(len(completions(run, 0)), 64)

    def test_a_step_must_be_a_non_negative_integer(self) -> None:
        client = self.client("py-log-events-step")
        for bad in (-1, 1.5, "3", None):
            with self.subTest(step=bad), self.assertRaises(RewardscopeError) as caught:
                client.log_metrics(bad, {"loss": 1.0})
            self.assertEqual(caught.exception.field, "step")


if __name__ == "__main__":
    unittest.main()
