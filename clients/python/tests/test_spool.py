"""Nothing is lost while the server is down, and nothing counts twice when a batch is sent again."""

from __future__ import annotations

import glob
import os
import shutil
import unittest

from support import TempDirs, completions, dead_url, needs_server, steps_analysed

from rewardscope import RewardscopeError, wrap_reward_funcs

STEPS = 6


def correct(prompts, completions, **kwargs):
    return [float(c.endswith("!")) for c in completions]


def train(client, steps: range) -> None:
    (reward,) = wrap_reward_funcs([correct], client)
    for step in steps:
        client.set_step(step)
        prompts = [f"question {step}"] * 4
        reward(prompts=prompts, completions=[f"step {step} answer {i}{'!' * (i % 2)}" for i in range(4)])
        client.log_metrics(step, {"loss": 1.0 / (step + 1)})
        client.step_end(step)


@needs_server
class Spool(TempDirs):
    def test_batches_spooled_while_the_server_is_down_arrive_once_when_it_is_back(self) -> None:
        # Two ranks: no step is analysed before rank 1 sends it, so a batch sent twice would show, not be dropped late.
        run, spool, ranks = "py-spool", self.temp_dir(), {"world_size": 2, "rank": 0}
        offline = self.client(run, dead_url(), spool, close_timeout=0.3, **ranks)
        train(offline, range(STEPS))
        self.assertFalse(offline.flush(0.3))
        self.assertFalse(offline.close(0.3))
        spooled = sorted(glob.glob(os.path.join(spool, "*.spool")))
        self.assertTrue(spooled)
        kept = self.temp_dir()
        for path in spooled:
            shutil.copy(path, kept)

        # The server is "back": a new process on the same spool sends the backlog first, in order.
        online = self.client(run, spool_dir=spool, **ranks)
        train(online, range(STEPS, STEPS + 2))
        self.assertTrue(online.close(10))
        self.assertEqual(glob.glob(os.path.join(spool, "*.spool")), [])

        # Acknowledgements lost in a crash: the same batches are sent again, under their batch ids, and count once.
        for path in glob.glob(os.path.join(kept, "*.spool")):
            shutil.copy(path, spool)
        again = self.client(run, spool_dir=spool, **ranks)
        self.assertTrue(again.close(10))

        other_rank = self.client(run, world_size=2, rank=1)
        train(other_rank, range(STEPS + 2))
        self.assertTrue(other_rank.close(10))
        record = steps_analysed(run, STEPS + 2)
        self.assertEqual((record["stepCount"], record["lastStep"]), (STEPS + 2, STEPS + 1))
        for step in range(STEPS + 2):
            stored = completions(run, step)
            self.assertEqual(len(stored), 8, f"step {step}: 4 completions from each rank, once")
            self.assertEqual(sorted(c["rewards"]["correct"] for c in stored), [0, 0, 0, 0, 1, 1, 1, 1])
            self.assertTrue(all(c["completion"].startswith(f"step {step} answer") for c in stored))

    def test_a_torn_last_record_is_skipped_and_the_whole_ones_before_it_are_sent(self) -> None:
        run, spool = "py-torn", self.temp_dir()
        offline = self.client(run, dead_url(), spool, batch_max=3)
        train(offline, range(3))
        offline.close(0.3)
        (path,) = glob.glob(os.path.join(spool, "*.spool"))
        with open(path, "ab") as f:
            f.write(b'RSB1 torn-1 999\n{"type":"metrics"')  # a crash in the middle of a write
        online = self.client(run, spool_dir=spool)
        self.assertTrue(online.close(10))
        self.assertEqual(steps_analysed(run, 3)["stepCount"], 3)

    def test_a_full_queue_makes_the_training_thread_spool_the_backlog_in_order_instead_of_dropping_it(self) -> None:
        run = "py-full-queue"
        client = self.client(run, queue_size=2, flush_interval=5)
        train(client, range(40))
        self.assertTrue(client.close(10))
        self.assertEqual(steps_analysed(run, 40)["stepCount"], 40)
        for step in (0, 17, 39):
            self.assertEqual(len(completions(run, step)), 4)

    def test_one_spool_folder_serves_one_client_at_a_time(self) -> None:
        spool = self.temp_dir()
        self.client("py-busy", dead_url(), spool)
        with self.assertRaises(RewardscopeError) as caught:
            self.client("py-busy", dead_url(), spool)
        self.assertEqual(caught.exception.field, "spool_dir")


if __name__ == "__main__":
    unittest.main()
