"""RewardscopeCallback in a training loop that calls callbacks the way transformers' Trainer does.

transformers is not a dependency: `CallbackHandler.call_event` and the order of events in the inner training
loop (on_step_begin, the step, global_step += 1, on_step_end, then on_log when DefaultFlowCallback asked for a
log) are reproduced here from transformers' trainer.py and trainer_callback.py."""

from __future__ import annotations

import unittest
from types import SimpleNamespace

from support import TempDirs, get, needs_server, run_path, step_report, steps_analysed, wait_for

from rewardscope import RewardscopeCallback, wrap_reward_funcs

LOGGING_STEPS = 2


class DefaultFlowCallback:
    def __getattr__(self, name):
        return lambda *args, **kwargs: None

    def on_step_end(self, args, state, control, **kwargs):
        control.should_log = state.global_step % args.logging_steps == 0


class ReportingCallback:
    """What W&B, TensorBoard or trackio see of each log."""

    def __init__(self) -> None:
        self.logged: list = []

    def __getattr__(self, name):
        return lambda *args, **kwargs: None

    def on_log(self, args, state, control, logs=None, **kwargs):
        self.logged.append(dict(logs))


class CallbackHandler:
    def __init__(self, callbacks) -> None:
        self.callbacks = list(callbacks)

    def call_event(self, event, args, state, control, **kwargs):
        for callback in self.callbacks:
            result = getattr(callback, event)(args, state, control, model=None, optimizer=None, **kwargs)
            if result is not None:
                control = result
        return control


def length_reward(completions, **kwargs):
    return [min(len(c), 40) / 40 for c in completions]


def train(handler: CallbackHandler, reward, steps: int):
    args = SimpleNamespace(logging_steps=LOGGING_STEPS)
    state = SimpleNamespace(global_step=0, log_history=[], is_world_process_zero=True)
    control = SimpleNamespace(should_log=False)
    handler.call_event("on_init_end", args, state, control)
    handler.call_event("on_train_begin", args, state, control)
    for _ in range(steps):
        handler.call_event("on_step_begin", args, state, control)
        texts = [f"<answer>{'x' * (state.global_step + i)}</answer>" for i in range(8)]
        reward(prompts=["p"] * 4 + ["q"] * 4, completions=texts)  # no trainer_state: the callback's step is used
        state.global_step += 1
        handler.call_event("on_step_end", args, state, control)
        if control.should_log:
            logs = {"loss": 1.0 / state.global_step, "kl": 0.01 * state.global_step, "entropy": 0.9, "epoch": 0.1}
            state.log_history.append(logs)
            handler.call_event("on_log", args, state, control, logs=logs)
            control.should_log = False
    return args, state, control


@needs_server
class Callback(TempDirs):
    def test_forwards_logs_step_time_and_memory_and_puts_rewardscope_figures_into_the_trainers_logs(self) -> None:
        run = "py-callback"
        client = self.client(run)
        reporter = ReportingCallback()
        ours = RewardscopeCallback(client)
        handler = CallbackHandler([DefaultFlowCallback(), reporter, ours])
        args, state, control = train(handler, wrap_reward_funcs(length_reward, client), 6)

        self.assertIs(handler.callbacks[1], ours, "moved ahead of the reporting callbacks, after DefaultFlowCallback")
        self.assertEqual(len(reporter.logged), 6 // LOGGING_STEPS, "every callback still called once per event")

        self.assertTrue(client.flush(10))
        derived = wait_for(lambda: client.derived_metrics().get("rewardscope/step") == 5 and client.derived_metrics())
        self.assertTrue(derived, "the background thread fetched the last analysed step's figures")
        final_logs = {"train_runtime": 1.5}
        handler.call_event("on_log", args, state, control, logs=final_logs)
        self.assertEqual(reporter.logged[-1]["rewardscope/step"], 5)
        for key in ("alerts_low", "alerts_high", "format_compliance", "repetition", "unique_ratio", "distinct_2"):
            self.assertIn(f"rewardscope/{key}", reporter.logged[-1])
        compliance = step_report(run, 5)["quality"]["formatCompliance"]
        self.assertEqual(reporter.logged[-1]["rewardscope/format_compliance"], compliance)
        handler.call_event("on_train_end", args, state, control)

        self.assertEqual(steps_analysed(run, 6)["stepCount"], 6)
        logged, unlogged = step_report(run, 1)["metrics"], step_report(run, 2)["metrics"]
        self.assertEqual((logged["loss"], logged["kl"], logged["entropy"]), (0.5, 0.02, 0.9))
        self.assertNotIn("epoch", logged)
        for metrics in (logged, unlogged):
            self.assertGreater(metrics["memory_mb"], 1)
            self.assertGreaterEqual(metrics["step_time"], 0)
        self.assertNotIn("loss", unlogged)
        report = step_report(run, 3)
        self.assertEqual(report["rewards"]["length_reward"]["batch"]["count"], 8)
        self.assertEqual(report["groups"]["groups"], 2)
        self.assertIsNotNone(get(run_path(run)))


if __name__ == "__main__":
    unittest.main()
