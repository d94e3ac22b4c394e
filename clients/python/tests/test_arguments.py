"""Bad settings are refused up front with an error naming the setting; nothing needs a server here."""

from __future__ import annotations

import unittest

from support import TempDirs, dead_url

from rewardscope import Rewardscope, RewardscopeError, wrap_reward_funcs


class Arguments(TempDirs):
    def test_each_bad_setting_is_named(self) -> None:
        cases = [
            ({"url": "127.0.0.1:8808"}, "url"),
            ({"run": ""}, "run"),
            ({"run": "a/b"}, "run"),
            ({"run": "x\n"}, "run"),
            ({"queue_size": 0}, "queue_size"),
            ({"batch_max": 1.5}, "batch_max"),
            ({"flush_interval": 0}, "flush_interval"),
            ({"world_size": 0}, "world_size"),
            ({"rank": -1}, "rank"),
        ]
        for change, field in cases:
            settings = {"url": dead_url(), "run": "py-arguments", "spool_dir": self.temp_dir(), **change}
            with self.subTest(field=field), self.assertRaises(RewardscopeError) as caught:
                Rewardscope(settings.pop("url"), settings.pop("run"), **settings)
            self.assertEqual(caught.exception.field, field)
            self.assertIn(field, str(caught.exception))

    def test_a_client_or_its_settings_not_both(self) -> None:
        client = self.client("py-arguments", dead_url())
        with self.assertRaises(RewardscopeError) as caught:
            wrap_reward_funcs([len], client, run="other")
        self.assertEqual(caught.exception.field, "client")

    def test_models_given_as_reward_funcs_are_left_to_the_trainer(self) -> None:
        client = self.client("py-arguments", dead_url())
        funcs = wrap_reward_funcs(["Qwen/Qwen2.5-0.5B-reward", len], client)
        self.assertEqual(funcs[0], "Qwen/Qwen2.5-0.5B-reward")
        self.assertEqual(funcs[1].__name__, "len")

    def test_a_closed_client_never_breaks_the_training_loop(self) -> None:
        client = self.client("py-arguments", dead_url())
        (reward,) = wrap_reward_funcs([lambda prompts, completions, **kw: [1.0] * len(completions)], client)
        client.close(0.2)
        with self.assertLogs("rewardscope", "WARNING"):
            self.assertEqual(reward(prompts=["p"], completions=["c"]), [1.0])


if __name__ == "__main__":
    unittest.main()
