"""wrap_reward_funcs against the real server: TRL's calling convention, what arrives, and what the trainer sees."""

from __future__ import annotations

import asyncio
import inspect
import unittest

from support import TempDirs, completions, dead_url, get, needs_server, run_path, step_report

from rewardscope import wrap_reward_funcs


class TrainerState:
    def __init__(self, global_step: int) -> None:
        self.global_step = global_step


def format_reward(completions, **kwargs):
    return [1.0 if "<answer>" in c[-1]["content"] else 0.0 for c in completions]


def accuracy_reward(prompts, completions, answer, **kwargs):
    return [2.0 if f"<answer>{a}</answer>" in c[-1]["content"] else 0.0 for c, a in zip(completions, answer)]


def judge(prompts, completions, **kwargs):
    raise TimeoutError("judge API timed out")


async def async_length(prompts, completions, **kwargs):
    await asyncio.sleep(0)
    return [float(len(c[-1]["content"])) for c in completions]


def batch(step: int):
    """Two prompts, four generations each, in TRL's conversational format."""
    prompts = [[{"role": "user", "content": q}] for q in ["What is 2+2?"] * 4 + ["What is 3+3?"] * 4]
    texts = [f"<think>step {step} try {i}</think><answer>{4 if i % 2 else 5}</answer>" for i in range(8)]
    completions = [[{"role": "assistant", "content": t}] for t in texts]
    return prompts, completions, ["4"] * 4 + ["6"] * 4, texts


@needs_server
class WrapRewardFuncs(TempDirs):
    def test_a_trl_run_arrives_with_rewards_completions_groups_calls_and_errors(self) -> None:
        run = "py-trl"
        client = self.client(run)
        funcs = wrap_reward_funcs([format_reward, accuracy_reward, judge, async_length], client)

        self.assertEqual([f.__name__ for f in funcs], ["format_reward", "accuracy_reward", "judge", "async_length"])
        self.assertTrue(inspect.iscoroutinefunction(funcs[3]))
        self.assertFalse(inspect.iscoroutinefunction(funcs[0]))
        self.assertIs(funcs[0].__wrapped__, format_reward)

        for step in range(3):
            prompts, comps, answer, _ = batch(step)
            kwargs = {"prompts": prompts, "completions": comps, "answer": answer, "trainer_state": TrainerState(step)}
            self.assertEqual(funcs[0](**kwargs), format_reward(**kwargs))
            self.assertEqual(funcs[1](**kwargs), [0.0, 2.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0])  # answer reached it
            with self.assertRaises(TimeoutError):
                funcs[2](**kwargs)
            self.assertEqual(asyncio.run(funcs[3](**kwargs)), asyncio.run(async_length(**kwargs)))
        self.assertTrue(client.close(10))

        names = ["format_reward", "accuracy_reward", "judge", "async_length"]
        self.assertEqual(get(run_path(run))["rewardFunctions"], names)
        for step in range(3):
            report = step_report(run, step)
            self.assertEqual(report["count"], 8)
            self.assertEqual(report["rewards"]["format_reward"]["batch"]["mean"], 1)
            self.assertEqual(report["rewards"]["accuracy_reward"]["batch"]["mean"], 0.5)
            self.assertEqual(report["rewards"]["judge"]["nullCount"], 8)
            self.assertEqual(report["groups"]["groups"], 2)
            self.assertEqual(report["calls"]["judge"], {**report["calls"]["judge"], "calls": 1, "errors": 1})
            self.assertEqual(report["calls"]["format_reward"]["errors"], 0)
            self.assertGreater(report["calls"]["async_length"]["maxMs"], 0)
        stored = sorted(completions(run, 2), key=lambda c: c["index"])
        self.assertEqual([c["completion"] for c in stored], batch(2)[3])
        self.assertEqual(stored[0]["prompt"], "What is 2+2?")
        self.assertEqual([c["group"] for c in stored], [0, 0, 0, 0, 1, 1, 1, 1])

    def test_without_trainer_state_each_function_counts_its_own_calls_as_steps(self) -> None:
        run = "py-counter"
        client = self.client(run)
        (fmt,) = wrap_reward_funcs([format_reward], client)
        single = wrap_reward_funcs(accuracy_reward, client)
        self.assertTrue(callable(single))
        self.assertEqual(single.__name__, "accuracy_reward")
        for step in range(4):
            prompts, comps, answer, _ = batch(step)
            fmt(completions=comps)
            single(prompts, comps, answer=answer)  # positional, as some trainers call them
        self.assertTrue(client.close(10))
        report = step_report(run, 3)
        self.assertEqual(report["calls"]["format_reward"]["calls"], 1)
        self.assertEqual(report["rewards"]["format_reward"]["batch"]["count"], 8)
        self.assertEqual(report["rewards"]["accuracy_reward"]["batch"]["mean"], 0.5)

    def test_the_training_thread_gets_results_and_errors_unchanged_when_the_server_is_unreachable(self) -> None:
        client = self.client("py-unreachable", dead_url(), close_timeout=0.5)
        (fmt, failing) = wrap_reward_funcs([format_reward, judge], client)
        prompts, comps, _, _ = batch(0)
        self.assertEqual(fmt(prompts=prompts, completions=comps), [1.0] * 8)
        with self.assertRaises(TimeoutError):
            failing(prompts=prompts, completions=comps)
        self.assertFalse(client.close(0.5))


if __name__ == "__main__":
    unittest.main()
