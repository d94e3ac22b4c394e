"""rewardscope: stream a GRPO run's rewards, completions and training metrics to a rewardscope server.

One file, standard library only, Python >= 3.9: copy it next to your training script or put this folder on
the path. The training thread only times calls and enqueues references; a background daemon thread turns them
into events (README, "The event format"), batches them, appends every batch to an on-disk spool (fsynced) and
POSTs the spool in order with retries, so nothing is lost while the server is down or restarting.

    rs = Rewardscope("http://127.0.0.1:8808", run="qwen-gsm8k")
    trainer = GRPOTrainer(..., reward_funcs=wrap_reward_funcs([fmt, acc], rs),
                          callbacks=[RewardscopeCallback(rs)])
"""

from __future__ import annotations

import atexit
import collections
import functools
import inspect
import json
import logging
import math
import os
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any, BinaryIO, Callable, Deque, Dict, List, Optional, Sequence, Tuple

__all__ = [
    "Rewardscope",
    "RewardscopeCallback",
    "RewardscopeError",
    "verl_compute_score",
    "wrap_reward_funcs",
]

_log = logging.getLogger("rewardscope")

_SEVERITIES = ("low", "medium", "high", "critical")
# Answers that no retry can change: the batch itself is wrong, so it is set aside instead of blocking the rest.
_REJECTED = frozenset({400, 413, 415, 422})
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
# The server refuses bodies over 16 MiB; a batch stays well below.
_MAX_BATCH_BYTES = 4 * 1024 * 1024


class RewardscopeError(ValueError):
    """A bad argument or answer: `code` says what kind, `field` names the argument or field."""

    def __init__(self, code: str, message: str, field: Optional[str] = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.code = code
        self.field = field


# ---------------------------------------------------------------------------------------------------------------
# Conversions, all done on the background thread.


def _number(value: Any) -> Optional[float]:
    """A finite float, or None (null: not applicable) for None, NaN, infinities and what is not a number."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _content(message: Any) -> str:
    content = message.get("content", "") if isinstance(message, dict) else message
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # multimodal parts: [{"type": "text", "text": ...}, ...]
        return "\n".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return "" if content is None else str(content)


def _completion_text(completion: Any) -> str:
    """TRL's conversational completions are lists of messages: the text is the content of the last one."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, (list, tuple)):
        return _content(completion[-1]) if completion else ""
    return _content(completion)


def _prompt_text(prompt: Any) -> str:
    """A conversational prompt is every message's content, so prompts that differ anywhere stay apart."""
    if isinstance(prompt, str):
        return prompt
    if isinstance(prompt, (list, tuple)):
        return "\n".join(_content(m) for m in prompt)
    return _content(prompt)


def _groups_of(texts: Sequence[str]) -> List[int]:
    """TRL repeats each prompt num_generations times in a row: a run of identical prompts is one GRPO group."""
    groups: List[int] = []
    for i, text in enumerate(texts):
        groups.append(0 if i == 0 else groups[-1] + (text != texts[i - 1]))
    return groups


def _values(values: Any, n: int) -> List[Optional[float]]:
    if values is None:
        return [None] * n
    try:
        converted = [_number(v) for v in values]
    except TypeError:  # a single number or an object that is not a sequence
        return [None] * n
    if len(converted) != n:
        _warn(f"a reward function returned {len(converted)} values for {n} completions; recorded as nulls")
        return [None] * n
    return converted


_CONTROL_CHARS = re.compile("[\u0000-\u001f\u007f-\u009f]")


def _valid_name(name: str) -> bool:
    """A function or metric name the server takes (README, "The event format")."""
    return bool(name) and name != "__proto__" and not _CONTROL_CHARS.search(name)


_warned: set = set()


def _normalise_rewards(event: Dict[str, Any]) -> Dict[str, Any]:
    """log_rewards takes what a trainer has (numpy values, message lists): made JSON here, off the training thread."""
    rewards = {str(fn): [_number(v) for v in values] for fn, values in event["rewards"].items()}
    event["rewards"] = rewards
    bad = [fn for fn in rewards if not _valid_name(fn)]
    if bad:
        raise ValueError(f"rewards: function name {bad[0]!r} is empty or holds control characters")
    if event.get("completions") is not None:
        event["completions"] = [_completion_text(c) for c in event["completions"]]
    if event.get("prompts") is not None:
        event["prompts"] = [_prompt_text(p) for p in event["prompts"]]
    for key in ("groups", "lengths"):
        if event.get(key) is not None:
            event[key] = [int(v) for v in event[key]]
    if event.get("truncated") is not None:
        event["truncated"] = [bool(v) for v in event["truncated"]]
    if event.get("advantages") is not None:
        event["advantages"] = [_number(v) or 0.0 for v in event["advantages"]]
    # One bad event makes the server refuse its whole batch: lengths are checked here, where it costs one event.
    lengths = {k: len(v) for k, v in event.items() if isinstance(v, list)}
    lengths.update((f"rewards.{fn}", len(v)) for fn, v in rewards.items())
    if len(set(lengths.values())) > 1:
        raise ValueError(f"arrays of different lengths: {lengths}")
    return event


def _warn(message: str) -> None:
    """Non-fatal problems, each said once: a training loop would otherwise repeat them every step."""
    if message not in _warned:
        _warned.add(message)
        _log.warning("rewardscope: %s", message)


# ---------------------------------------------------------------------------------------------------------------
# The spool: append-only files of sealed batches, delivered in order, deleted once delivered.


class _Record:
    __slots__ = ("path", "offset", "length", "batch_id", "seq")

    def __init__(self, path: str, offset: int, length: int, batch_id: str, seq: int) -> None:
        self.path, self.offset, self.length, self.batch_id, self.seq = path, offset, length, batch_id, seq


class _Spool:
    """Each record is a header line `RSB1 <batchId> <bytes>` and the NDJSON body. A torn tail (a crash while
    writing) is skipped at replay: it was never acknowledged, and the batch before it is whole."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        os.makedirs(directory, exist_ok=True)
        self._lock = threading.Lock()
        self._records: Deque[_Record] = collections.deque()
        self._active: Optional[BinaryIO] = None
        self._active_path: Optional[str] = None
        self._hold_lock_file()
        for name in sorted(n for n in os.listdir(directory) if n.endswith(".spool")):
            self._scan(os.path.join(directory, name))

    def _hold_lock_file(self) -> None:
        # Two clients appending to one spool would interleave their batches: the second one is refused.
        self._lock_file = open(os.path.join(self.directory, "lock"), "a")  # noqa: SIM115 (held for life)
        try:
            import fcntl

            fcntl.flock(self._lock_file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # Windows: no advisory lock, one client per spool_dir is up to the user
            pass
        except OSError:
            self._lock_file.close()
            raise RewardscopeError(
                "spool_busy", f"{self.directory} is used by another Rewardscope client", "spool_dir"
            ) from None

    def _scan(self, path: str) -> None:
        with open(path, "rb") as f:
            data = f.read()
        offset = 0
        while offset < len(data):
            end = data.find(b"\n", offset)
            parts = data[offset:end].split(b" ") if end >= 0 else []
            if len(parts) != 3 or parts[0] != b"RSB1" or not parts[2].isdigit():
                break
            length = int(parts[2])
            if end + 1 + length > len(data):
                break
            self._records.append(_Record(path, end + 1, length, parts[1].decode("ascii"), -1))
            offset = end + 1 + length
        if not any(r.path == path for r in self._records):
            os.remove(path)

    def __len__(self) -> int:
        return len(self._records)

    def append(self, batch_id: str, body: bytes, seq: int) -> None:
        with self._lock:
            if self._active is None:
                os.makedirs(self.directory, exist_ok=True)
                self._active_path = os.path.join(self.directory, f"{time.time_ns():020d}-{os.getpid()}.spool")
                self._active = open(self._active_path, "ab")  # noqa: SIM115 (closed when drained)
                _fsync_directory(self.directory)
            header = f"RSB1 {batch_id} {len(body)}\n".encode("ascii")
            offset = self._active.tell() + len(header)
            self._active.write(header + body)
            self._active.flush()
            os.fsync(self._active.fileno())
            assert self._active_path is not None
            self._records.append(_Record(self._active_path, offset, len(body), batch_id, seq))

    def first(self) -> Optional[Tuple[_Record, bytes]]:
        with self._lock:
            if not self._records:
                return None
            record = self._records[0]
        try:
            with open(record.path, "rb") as f:
                f.seek(record.offset)
                return record, f.read(record.length)
        except FileNotFoundError:
            _warn(f"spool file {record.path} was removed by someone else: its batches are lost")
            with self._lock:
                while self._records and self._records[0].path == record.path:
                    self._records.popleft()
                if record.path == self._active_path and self._active is not None:
                    self._active.close()
                    self._active, self._active_path = None, None
            return self.first()

    def pop(self) -> None:
        """The first record is delivered: a file goes once none of its records is left."""
        with self._lock:
            done = self._records.popleft()
            if self._records and self._records[0].path == done.path:
                return
            if done.path == self._active_path:
                if self._records:
                    return
                assert self._active is not None
                self._active.close()
                self._active, self._active_path = None, None
            os.remove(done.path)

    def set_aside(self, record: _Record, body: bytes, reason: str) -> None:
        """A batch the server refused for good goes to rejected.ndjson with the reason, for a person to read."""
        with open(os.path.join(self.directory, "rejected.ndjson"), "ab") as f:
            f.write(json.dumps({"batchId": record.batch_id, "reason": reason}).encode() + b"\n" + body)
            f.flush()
            os.fsync(f.fileno())

    def close(self) -> None:
        with self._lock:
            if self._active is not None:
                self._active.close()
                self._active = None
            self._lock_file.close()


def _fsync_directory(directory: str) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # Windows cannot open a directory; its file creation is durable enough
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _default_spool_dir(run: str, rank: int) -> str:
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "rewardscope", "spool", urllib.parse.quote(run, safe=""), f"rank-{rank}")


# ---------------------------------------------------------------------------------------------------------------
# Collectors: turn the raw references the training thread enqueued into events.


class _Pending:
    __slots__ = ("step", "prompts", "completions", "values")

    def __init__(self, step: int, prompts: Any, completions: Any) -> None:
        self.step, self.prompts, self.completions = step, prompts, completions
        self.values: Dict[str, Any] = {}


class _RewardCollector:
    """The reward functions wrapped together: TRL calls each on the same completions list, so the calls on one
    list object make one rewards event (a function missing when the next list comes is left out)."""

    def __init__(self, names: List[str]) -> None:
        self.names = names
        self.counters = {name: 0 for name in names}
        self.pending: Dict[int, _Pending] = {}

    def absorb(self, client: Rewardscope, item: tuple) -> None:
        _, _, step, name, prompts, completions, values, ms, failed = item
        n = len(completions) if completions is not None else 0
        converted = _values(values, n)
        calls = {"type": "calls", "step": step, "fn": name, "calls": 1, "errors": int(failed)}
        calls.update(totalMs=ms, maxMs=ms, nulls=sum(v is None for v in converted))
        client._add_event(calls)
        key = id(completions)
        for other in [k for k, p in self.pending.items() if k != key or name in p.values]:
            self._emit(client, self.pending.pop(other))
        entry = self.pending.get(key)
        if entry is None:
            entry = self.pending[key] = _Pending(step, prompts, completions)
        entry.values[name] = converted
        if len(entry.values) == len(self.names):
            self._emit(client, self.pending.pop(key))

    def due(self, now: float) -> Optional[float]:
        return None

    def emit_until(self, client: Rewardscope, step: Optional[int]) -> None:
        for key in [k for k, p in self.pending.items() if step is None or p.step <= step]:
            self._emit(client, self.pending.pop(key))

    def _emit(self, client: Rewardscope, entry: _Pending) -> None:
        completions = [_completion_text(c) for c in (entry.completions or [])]
        rewards = {name: entry.values[name] for name in self.names if name in entry.values}
        event: Dict[str, Any] = {"type": "rewards", "step": entry.step, "rewards": rewards}
        event["completions"] = completions
        if entry.prompts is not None and len(entry.prompts) == len(completions):
            prompts = [_prompt_text(p) for p in entry.prompts]
            event["prompts"] = prompts
            event["groups"] = _groups_of(prompts)
        client._add_rewards(event)


class _ScoreCollector:
    """verl scores one completion per call: scores gather into one batch per step. The step is the client's
    (set_step, or the callback) when set; otherwise a batch ends after `gap` seconds without a score, since a
    trainer scores a whole batch in a burst and then generates and trains for far longer."""

    def __init__(self, name: str, gap: float) -> None:
        self.name, self.gap = name, gap
        self.rows: List[tuple] = []
        self.batches = 0
        self.last_at = 0.0

    def absorb(self, client: Rewardscope, item: tuple) -> None:
        _, _, at, step, data_source, solution, ground_truth, extra_info, score, ms, failed = item
        if self.rows and (self.rows[-1][0] != step or (step is None and at - self.last_at > self.gap)):
            self.emit_until(client, None)
        self.rows.append((step, data_source, solution, ground_truth, extra_info, score))
        self.last_at = at
        call_step = step if step is not None else self.batches
        client._add_event(
            {"type": "calls", "step": call_step, "fn": self.name, "calls": 1, "errors": int(failed),
             "totalMs": ms, "maxMs": ms, "nulls": int(_number(score) is None)}
        )

    def due(self, now: float) -> Optional[float]:
        return self.last_at + self.gap if self.rows and self.rows[-1][0] is None else None

    def emit_until(self, client: Rewardscope, step: Optional[int]) -> None:
        if not self.rows or (step is not None and self.rows[-1][0] is not None and self.rows[-1][0] > step):
            return
        rows, self.rows = self.rows, []
        batch_step = rows[0][0] if rows[0][0] is not None else self.batches
        self.batches += 1
        keys: Dict[str, int] = {}
        groups, prompts = [], []
        for _, data_source, _, ground_truth, extra_info, _ in rows:
            info = extra_info if isinstance(extra_info, dict) else {}
            question = info.get("question", info.get("prompt"))
            prompts.append(_prompt_text(question) if question is not None else "")
            # verl repeats each prompt n times; its index (or question, or answer) names the group.
            key = repr((data_source, info.get("index", question if question is not None else ground_truth)))
            groups.append(keys.setdefault(key, len(keys)))
        event: Dict[str, Any] = {"type": "rewards", "step": batch_step}
        event["rewards"] = {self.name: [_number(r[5]) for r in rows]}
        event["completions"] = [_completion_text(r[2]) for r in rows]
        event["groups"] = groups
        if any(prompts):
            event["prompts"] = prompts
        client._add_rewards(event)


# ---------------------------------------------------------------------------------------------------------------
# The client.

_ITEM_EVENT, _ITEM_CALL, _ITEM_SCORE, _ITEM_FLUSH, _ITEM_STOP = range(5)


class Rewardscope:
    """Streams one run (one rank of it) to a rewardscope server from a background thread.

    `world_size` and `rank` default to the WORLD_SIZE and RANK environment variables (torchrun, accelerate).
    The spool defaults to ~/.cache/rewardscope/spool/<run>/rank-<rank>; batches left there by an earlier
    process (server down, or killed) are sent first, each under its own batch id, so a resend counts once.

    Example:
        with Rewardscope("http://127.0.0.1:8808", run="qwen-gsm8k", token=os.environ.get("RS_TOKEN")) as rs:
            rs.log_rewards(0, {"accuracy": [1.0, 0.0]}, completions=["4", "5"], prompts=["2+2?", "2+2?"])
            rs.log_metrics(0, {"loss": 0.3, "kl": 0.01})
            rs.step_end(0)
    """

    def __init__(
        self,
        url: str,
        run: str,
        token: Optional[str] = None,
        *,
        project: Optional[str] = None,
        world_size: Optional[int] = None,
        rank: Optional[int] = None,
        spool_dir: Optional[str] = None,
        queue_size: int = 10_000,
        batch_max: int = 2_000,
        flush_interval: float = 1.0,
        request_timeout: float = 30.0,
        close_timeout: float = 10.0,
        max_backoff: float = 30.0,
    ) -> None:
        self.url = _check_url(url)
        self.run = _check_run(run)
        self.token = token
        world_size = world_size if world_size is not None else _env_int("WORLD_SIZE", 1)
        self.world_size = _check_int(world_size, "world_size", 1)
        self.rank = _check_int(rank if rank is not None else _env_int("RANK", 0), "rank", 0)
        self.queue_size = _check_int(queue_size, "queue_size", 1)
        self.batch_max = _check_int(batch_max, "batch_max", 1)
        self.flush_interval = _check_positive(flush_interval, "flush_interval")
        self.request_timeout = _check_positive(request_timeout, "request_timeout")
        self.close_timeout = _check_positive(close_timeout, "close_timeout")
        self.max_backoff = _check_positive(max_backoff, "max_backoff")
        self.spool = _Spool(spool_dir or _default_spool_dir(self.run, self.rank))

        # Training thread -> background thread: a deque, whose append and popleft are atomic, so the training
        # thread takes no lock (a lock held by a descheduled thread would stall it). Items are taken out only
        # under `_absorb_lock`, which keeps them in call order when a full queue makes the training thread
        # absorb the backlog itself.
        self._items: Deque[tuple] = collections.deque()
        self._wake = threading.Event()
        self._absorb_lock = threading.Lock()
        self._step: Optional[int] = None
        self._closed = False

        # Background state.
        self._session = uuid.uuid4().hex[:16]
        self._seq = 0
        self._delivered_seq = 0
        self._events: List[str] = []
        self._event_bytes = 0
        self._batch_started: Optional[float] = None
        self._collectors: List[_RewardCollector] = []
        self._last_step: Optional[int] = None
        self._last_ended: Optional[int] = None
        self._stop_at: Optional[float] = None
        self._failures = 0
        self._retry_at = 0.0
        self._down_since: Optional[float] = None
        self._waiters: List[Tuple[int, threading.Event]] = []
        self._waiters_lock = threading.Lock()

        self._derived_wanted = False
        self._derived_target = -1
        self._derived_at = 0.0
        self._derived: Dict[str, float] = {}
        self._derived_step: Optional[int] = None
        self._derived_report: Optional[dict] = None

        self._declared: Dict[str, Any] = {"type": "run", "name": self.run, "worldSize": self.world_size}
        if project is not None:
            self._declared["project"] = project
        self._batch_has_run = False
        self._put((_ITEM_EVENT, {"type": "run"}))
        self._opener = _opener(self.url)
        self._thread = threading.Thread(target=self._loop, name=f"rewardscope-{self.run}", daemon=True)
        self._thread.start()
        atexit.register(self.close)

    # -- the public surface, safe to call from the training thread ------------------------------------------------

    def set_step(self, step: int) -> None:
        """The trainer's current step: reward calls without a trainer_state are recorded under it."""
        self._step = _check_int(step, "step", 0)

    @property
    def step(self) -> Optional[int]:
        return self._step

    def log_rewards(
        self,
        step: int,
        rewards: Dict[str, Sequence[Any]],
        *,
        completions: Optional[Sequence[Any]] = None,
        prompts: Optional[Sequence[Any]] = None,
        groups: Optional[Sequence[int]] = None,
        **fields: Any,
    ) -> None:
        """One batch of rewards, any trainer: `fields` may hold lengths, truncated, advantages (README event format)."""
        event: Dict[str, Any] = {"type": "rewards", "step": _check_int(step, "step", 0), "rewards": rewards}
        if completions is not None:
            event["completions"] = completions
        if prompts is not None:
            event["prompts"] = prompts
        if groups is not None:
            event["groups"] = groups
        event.update(fields)
        self._put((_ITEM_EVENT, event))

    def log_metrics(self, step: int, values: Dict[str, Any]) -> None:
        """Training metrics of a step (loss, kl, entropy, grad_norm, learning_rate, memory_mb, step_time...)."""
        self._put((_ITEM_EVENT, {"type": "metrics", "step": _check_int(step, "step", 0), "values": values}))

    def step_end(self, step: int) -> None:
        """This rank sent everything for `step`: the server analyses it once every rank has."""
        self._put((_ITEM_EVENT, {"type": "step_end", "step": _check_int(step, "step", 0)}))

    def derived_metrics(self) -> Dict[str, float]:
        """rewardscope's view of the latest analysed step (alert counts, quality), fetched in the background."""
        self._derived_wanted = True
        return self._derived

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Waits until everything logged so far is acknowledged by the server; False when `timeout` ran out
        (the rest stays in the spool and is retried)."""
        if self._closed or not self._thread.is_alive():
            return len(self.spool) == 0
        done = threading.Event()
        self._put((_ITEM_FLUSH, done))
        return done.wait(self.close_timeout if timeout is None else timeout)

    def finish(self, timeout: Optional[float] = None) -> bool:
        """Flushes, then tells the server the run ended (its open steps are analysed). True when it answered."""
        if not self.flush(timeout):
            return False
        status, _, _ = self._request("POST", f"/runs/{urllib.parse.quote(self.run, safe='')}/finish", None)
        return status == 200

    def close(self, timeout: Optional[float] = None) -> bool:
        """Sends what is left within `timeout` (default close_timeout) and stops; what could not be sent stays in
        the spool for the next start. Also runs at interpreter exit. True when nothing was left behind."""
        if self._closed:
            return len(self.spool) == 0
        wait = self.close_timeout if timeout is None else timeout
        self._put((_ITEM_STOP, time.monotonic() + wait))
        self._closed = True
        atexit.unregister(self.close)
        self._thread.join(wait + 1.0)
        left = len(self.spool)
        if not self._thread.is_alive():
            self.spool.close()
        if left:
            _warn(f"{left} batch(es) not yet delivered stay in {self.spool.directory}; sent at the next start")
        return left == 0

    def __enter__(self) -> Rewardscope:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _put(self, item: tuple) -> None:
        """The training thread's whole cost: a deque append. A full queue (the server unreachable and the spool
        disk slow) makes this thread absorb and spool the backlog itself, in order, rather than drop it."""
        if self._closed:
            # Never break a training loop: a call after close() (at exit, say) is only reported.
            _warn("a Rewardscope client was used after close(); that data is not recorded")
            return
        if len(self._items) < self.queue_size:
            self._items.append(item)
            # No wake-up per item: waking a sleeping thread can get this one descheduled for tens of
            # microseconds. The background thread comes round every flush_interval anyway.
            if item[0] >= _ITEM_FLUSH or len(self._items) * 2 >= self.queue_size:
                self._wake.set()
            return
        with self._absorb_lock:
            for queued in self._take() + [item]:
                self._absorb(queued)
            self._seal()
        self._wake.set()

    def _take(self) -> List[tuple]:
        """Everything enqueued so far, oldest first; only under _absorb_lock."""
        items = []
        while True:
            try:
                items.append(self._items.popleft())
            except IndexError:
                return items

    # -- the background thread --------------------------------------------------------------------------------

    def _loop(self) -> None:
        while True:
            try:
                if self._iterate():
                    return
            except Exception:  # noqa: BLE001 (the thread must outlive any one bad item or I/O error)
                _log.exception("rewardscope: the background thread hit an error; it carries on")
                time.sleep(min(1.0, self.flush_interval))

    def _iterate(self) -> bool:
        """One round: absorb what the trainer enqueued, seal a due batch, deliver the spool. True: stop."""
        if not self._items and self._stop_at is None:
            self._wake.wait(self._wait_time())
        self._wake.clear()  # before taking: a set() from now on wakes the next wait
        with self._absorb_lock:
            for item in self._take():
                try:
                    self._absorb(item)
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    _warn(f"an item could not be recorded and was dropped: {error!r}")
            now = time.monotonic()
            for collector in self._collectors:
                due = collector.due(now)
                if due is not None and now >= due:
                    collector.emit_until(self, None)
            if self._stop_at is not None:
                self._end_last_step()
            if self._stop_at is not None or (
                self._batch_started is not None and now - self._batch_started >= self.flush_interval
            ):
                self._seal()
        self._deliver()
        self._refresh_derived()
        if self._stop_at is not None:
            now = time.monotonic()
            if not len(self.spool) or now >= self._stop_at:
                return True
            time.sleep(max(0.0, min(self._retry_at, self._stop_at) - now))
        return False

    def _end_last_step(self) -> None:
        """At close every open step of this rank is ended: nothing more will come for it from here."""
        for collector in self._collectors:
            collector.emit_until(self, None)
        if self._last_step is not None and (self._last_ended is None or self._last_step > self._last_ended):
            self._last_ended = self._last_step
            self._add_event({"type": "step_end", "step": self._last_step})

    def _wait_time(self) -> float:
        now = time.monotonic()
        deadlines = [now + self.flush_interval]
        if self._batch_started is not None:
            deadlines.append(self._batch_started + self.flush_interval)
        if len(self.spool):
            deadlines.append(self._retry_at)
        if self._derived_behind():
            deadlines.append(self._derived_at)
        for collector in self._collectors:
            due = collector.due(now)
            if due is not None:
                deadlines.append(due)
        return max(0.0, min(deadlines) - now)

    def _absorb(self, item: tuple) -> None:
        kind = item[0]
        if kind == _ITEM_EVENT:
            event = item[1]
            if event["type"] == "step_end":
                for collector in self._collectors:
                    collector.emit_until(self, event["step"])
                if self._last_ended is None or event["step"] > self._last_ended:
                    self._last_ended = event["step"]
            if event["type"] == "run":
                self._declare(event)
            elif event["type"] == "rewards":
                try:
                    self._add_rewards(_normalise_rewards(event))
                except (TypeError, ValueError, AttributeError) as error:
                    _warn(f"a rewards event given to log_rewards was dropped: {error!r}")
            else:
                self._add_event(event)
        elif kind in (_ITEM_CALL, _ITEM_SCORE):
            collector = item[1]
            if collector not in self._collectors:
                self._collectors.append(collector)
            collector.absorb(self, item)
        elif kind == _ITEM_STOP:
            self._stop_at = item[1]
        elif kind == _ITEM_FLUSH:
            for collector in self._collectors:
                collector.emit_until(self, None)
            self._seal()
            with self._waiters_lock:
                self._waiters.append((self._seq, item[1]))

    def _declare(self, event: Dict[str, Any]) -> None:
        """Every function named so far, in one run event: the server reads a batch's first run event only."""
        names = self._declared.setdefault("rewardFunctions", [])
        names.extend(n for n in event.get("rewardFunctions", []) if n not in names)
        if self._batch_has_run:
            self._seal()
        self._add_event(dict(self._declared))
        self._batch_has_run = True

    def _add_rewards(self, event: Dict[str, Any]) -> None:
        """A rewards event too big for one request is split at group boundaries (a group split in two would be
        two groups to the server)."""
        line = self._line(event)
        if line is None or len(line) <= _MAX_BATCH_BYTES:
            if line is not None:
                self._append_line(line, event)
            return
        n = len(next(iter(event["rewards"].values())))
        groups = event.get("groups") or list(range(n))
        parts = -(-len(line) // _MAX_BATCH_BYTES) + 1
        bounds = [0]
        for i in range(1, n):
            if groups[i] != groups[i - 1] and i >= len(bounds) * n / parts:
                bounds.append(i)
        bounds.append(n)
        for a, b in zip(bounds, bounds[1:]):
            # Group ids are local to their event: each part keeps its own as they are.
            part = {k: (v[a:b] if isinstance(v, list) else v) for k, v in event.items()}
            part["rewards"] = {fn: values[a:b] for fn, values in event["rewards"].items()}
            sub = self._line(part)
            if sub is not None:
                self._append_line(sub, part)

    def _add_event(self, event: Dict[str, Any]) -> None:
        line = self._line(event)
        if line is not None:
            self._append_line(line, event)

    def _line(self, event: Dict[str, Any]) -> Optional[str]:
        if event["type"] != "run":
            event["rank"] = self.rank
        if event["type"] == "metrics":
            numbers = ((str(k), _number(v)) for k, v in event["values"].items())
            event["values"] = {k: v for k, v in numbers if v is not None and _valid_name(k)}
            if not event["values"]:
                return None
        try:
            return json.dumps(event, separators=(",", ":"), allow_nan=False)
        except (TypeError, ValueError) as error:
            _warn(f"a {event['type']} event could not be encoded as JSON and was dropped: {error}")
            return None

    def _append_line(self, line: str, event: Dict[str, Any]) -> None:
        if self._events and (len(self._events) >= self.batch_max or self._event_bytes + len(line) > _MAX_BATCH_BYTES):
            self._seal()
        if not self._events:
            self._batch_started = time.monotonic()
        self._events.append(line)
        self._event_bytes += len(line) + 1
        step = event.get("step")
        if step is not None and (self._last_step is None or step > self._last_step):
            self._last_step = step

    def _seal(self) -> None:
        if not self._events:
            return
        self._seq += 1
        body = ("\n".join(self._events) + "\n").encode("utf-8")
        self.spool.append(f"{self._session}-{self._seq}", body, self._seq)
        self._events, self._event_bytes, self._batch_started = [], 0, None
        self._batch_has_run = False

    def _deliver(self) -> None:
        # ack=durable: answered once stored; the analysis follows in order on the server (older servers ignore it).
        path = f"/runs/{urllib.parse.quote(self.run, safe='')}/events?ack=durable"
        while len(self.spool) and time.monotonic() >= self._retry_at:
            first = self.spool.first()
            if first is None:
                break
            record, body = first
            status, answer, retry_after = self._request("POST", path, body, record.batch_id)
            if status == 200 or status in _REJECTED:
                if status != 200:
                    reason = f"HTTP {status}: {answer[:500]}"
                    _warn(f"the server refused batch {record.batch_id} ({reason}); kept in rejected.ndjson")
                    self.spool.set_aside(record, body, reason)
                self.spool.pop()
                self._delivered(record, body if status == 200 else b"")
                continue
            self._failures += 1
            if self._down_since is None:
                self._down_since = time.monotonic()
                _log.warning(
                    "rewardscope: %s is not answering (%s); batches wait in %s and are retried",
                    self.url, answer[:200] if status is None else f"HTTP {status}", self.spool.directory,
                )
            backoff = min(self.max_backoff, 0.25 * 2 ** min(self._failures, 16))
            self._retry_at = time.monotonic() + max(retry_after, backoff * (0.5 + random.random() / 2))
            break
        self._release_waiters()

    def _delivered(self, record: _Record, body: bytes) -> None:
        if self._down_since is not None:
            _log.warning("rewardscope: %s answers again; spooled batches delivered", self.url)
            self._down_since = None
        self._failures = 0
        self._retry_at = 0.0
        if record.seq > 0:
            self._delivered_seq = record.seq
        if self._derived_wanted and b'"type":"step_end"' in body:
            ended = [json.loads(line)["step"] for line in body.splitlines() if b'"type":"step_end"' in line]
            self._derived_target = max([self._derived_target, *ended])

    def _release_waiters(self) -> None:
        with self._waiters_lock:
            ready = [w for w in self._waiters if w[0] <= self._delivered_seq or len(self.spool) == 0]
            self._waiters = [w for w in self._waiters if w not in ready]
        if not ready:
            return
        if self._derived_wanted:
            self._refresh_derived(force=True)
        for _, event in ready:
            event.set()

    def _derived_behind(self) -> bool:
        """A step this rank ended is not yet in the figures: the server analyses after acknowledging."""
        return self._derived_wanted and (self._derived_step is None or self._derived_step < self._derived_target)

    def _refresh_derived(self, force: bool = False) -> None:
        if not force and (not self._derived_behind() or time.monotonic() < self._derived_at):
            return
        self._derived_at = time.monotonic() + self.flush_interval
        run_path = f"/runs/{urllib.parse.quote(self.run, safe='')}"
        try:
            status, answer, _ = self._request("GET", run_path, None)
            if status != 200:
                return
            run = json.loads(answer)
            step = run.get("lastStep")
            if step is not None and step != self._derived_step:
                status, answer, _ = self._request("GET", f"{run_path}/steps/{step}", None)
                if status == 200:
                    self._derived_step, self._derived_report = step, json.loads(answer)
            self._derived = _derived_from(run, self._derived_step, self._derived_report)
        except (ValueError, AttributeError) as error:  # an answer that is not the JSON expected
            _warn(f"could not read rewardscope's step figures: {error!r}")

    def _request(
        self, method: str, path: str, body: Optional[bytes], batch_id: Optional[str] = None
    ) -> Tuple[Optional[int], str, float]:
        """(status or None when unreachable, body text or the error, Retry-After seconds)."""
        headers = {"accept": "application/json"}
        if self.token:
            headers["authorization"] = f"Bearer {self.token}"
        if body is not None:
            headers["content-type"] = "application/x-ndjson"
        if batch_id is not None:
            headers["idempotency-key"] = batch_id
        request = urllib.request.Request(f"{self.url}/api/v1{path}", data=body, method=method, headers=headers)
        timeout = self.request_timeout
        if self._stop_at is not None:  # closing: no request outlives close()'s timeout
            timeout = max(0.1, min(timeout, self._stop_at - time.monotonic()))
        try:
            with self._opener.open(request, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8", "replace"), 0.0
        except urllib.error.HTTPError as error:
            retry_after = _number(error.headers.get("retry-after")) or 0.0
            return error.code, error.read().decode("utf-8", "replace"), min(retry_after, self.max_backoff)
        except (OSError, ValueError) as error:  # refused, reset, timeout, DNS (URLError is an OSError)
            return None, str(getattr(error, "reason", error)), 0.0


def _derived_from(run: dict, step: Optional[int], report: Optional[dict]) -> Dict[str, float]:
    """The per-step figures a trainer's logs gain under rewardscope/ (W&B, TensorBoard, trackio show them)."""
    counts = run.get("alertCounts") or {}
    derived: Dict[str, float] = {f"rewardscope/alerts_{s}": float(counts.get(s, 0)) for s in _SEVERITIES}
    if step is None or report is None:
        return derived
    derived["rewardscope/step"] = float(step)
    derived["rewardscope/step_alerts"] = float(len(report.get("alerts") or []))
    quality = report.get("quality") or {}
    for key, name in (
        ("formatCompliance", "format_compliance"),
        ("meanRepetition", "repetition"),
        ("repetitiveRate", "repetitive_rate"),
        ("uniqueRatio", "unique_ratio"),
        ("nearDuplicateRatio", "near_duplicate_ratio"),
        ("distinct2", "distinct_2"),
        ("formatGamingRate", "format_gaming_rate"),
        ("degenerateRate", "degenerate_rate"),
        ("meanLength", "mean_length"),
        ("lengthRewardCorrelation", "length_reward_correlation"),
    ):
        value = _number(quality.get(key))
        if value is not None:
            derived[f"rewardscope/{name}"] = value
    groups = report.get("groups") or {}
    zero_std = _number(groups.get("zeroStdFraction"))
    if zero_std is not None:
        derived["rewardscope/zero_std_fraction"] = zero_std
    return derived


def _opener(url: str) -> urllib.request.OpenerDirector:
    # A proxy set for the internet must not swallow requests to a server on this machine.
    host = urllib.parse.urlsplit(url).hostname or ""
    if host in _LOOPBACK:
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()


def _check_url(url: Any) -> str:
    if not isinstance(url, str) or urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise RewardscopeError("invalid_argument", f"must be an http(s) URL, got {url!r}", "url")
    return url.rstrip("/")


def _check_run(run: Any) -> str:
    if not isinstance(run, str) or not run.strip() or run in (".", "..") or "/" in run or "\\" in run:
        raise RewardscopeError("invalid_argument", f"must be a non-empty name without slashes, got {run!r}", "run")
    if any(ord(c) < 32 or ord(c) == 127 for c in run):
        raise RewardscopeError("invalid_argument", f"must not hold control characters, got {run!r}", "run")
    return run


def _env_int(name: str, default: int) -> int:
    text = os.environ.get(name)
    if text is None:
        return default
    try:
        return int(text)
    except ValueError:
        raise RewardscopeError("invalid_argument", f"must be an integer, got {text!r}", name) from None


def _check_int(value: Any, field: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise RewardscopeError("invalid_argument", f"must be an integer >= {minimum}, got {value!r}", field)
    return value


def _check_positive(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise RewardscopeError("invalid_argument", f"must be a positive number, got {value!r}", field)
    return float(value)


# ---------------------------------------------------------------------------------------------------------------
# TRL reward functions.


def _default_client(client: Optional[Rewardscope], kw: Dict[str, Any]) -> Rewardscope:
    if client is not None:
        if kw:
            raise RewardscopeError("invalid_argument", "give a client or its settings, not both", "client")
        return client
    url = kw.pop("url", None) or os.environ.get("REWARDSCOPE_URL", "http://127.0.0.1:8808")
    run = kw.pop("run", None) or os.environ.get("REWARDSCOPE_RUN")
    if run is None:
        raise RewardscopeError("invalid_argument", "name the run (run=..., or REWARDSCOPE_RUN)", "run")
    kw.setdefault("token", os.environ.get("REWARDSCOPE_TOKEN"))
    return Rewardscope(url, run, **kw)


def _is_model(func: Any) -> bool:
    # TRL also takes a model id or a loaded model as a reward "function": those it scores itself.
    return isinstance(func, str) or (hasattr(func, "forward") and hasattr(func, "parameters"))


def wrap_reward_funcs(funcs: Any, client: Optional[Rewardscope] = None, **kw: Any) -> Any:
    """Wraps TRL reward functions `f(prompts, completions, **kwargs) -> list[float | None]` so each call's
    rewards, completions, prompts, groups, time and errors are recorded. Names are kept (TRL names its reward
    columns after them), arguments pass through unchanged, async functions stay coroutine functions, an exception
    is counted and re-raised. The step is `trainer_state.global_step` when TRL passes it, else the client's step
    (RewardscopeCallback sets it), else the function's own call count. Without `client`, `kw` makes one
    (url, run, token and the other Rewardscope settings; REWARDSCOPE_URL/RUN/TOKEN by default).

    Example:
        reward_funcs = wrap_reward_funcs([format_reward, accuracy_reward], rs)
    """
    single = callable(funcs) and not isinstance(funcs, (list, tuple))
    funcs_list = [funcs] if single else list(funcs)
    client = _default_client(client, dict(kw))
    scored = [f for f in funcs_list if not _is_model(f)]
    names = [getattr(f, "__name__", type(f).__name__) for f in scored]
    collector = _RewardCollector(names)
    pairs = _zip_models(funcs_list, names)
    wrapped = [f if _is_model(f) else _wrap_reward(f, name, client, collector) for f, name in pairs]
    client._put((_ITEM_EVENT, {"type": "run", "name": client.run, "rewardFunctions": names}))
    return wrapped[0] if single else wrapped


def _zip_models(funcs: List[Any], names: List[str]) -> List[Tuple[Any, str]]:
    """Pairs each function with its name; models (scored by TRL itself) get an empty one."""
    it = iter(names)
    return [(f, "" if _is_model(f) else next(it)) for f in funcs]


def _call_step(collector: _RewardCollector, client: Rewardscope, name: str, kwargs: Dict[str, Any]) -> int:
    collector.counters[name] += 1
    state = kwargs.get("trainer_state")
    step = getattr(state, "global_step", None)
    if isinstance(step, int):
        return step
    return client._step if client._step is not None else collector.counters[name] - 1


def _split_args(args: tuple, kwargs: Dict[str, Any]) -> Tuple[Any, Any]:
    prompts = kwargs.get("prompts", args[0] if args else None)
    completions = kwargs.get("completions", args[1] if len(args) > 1 else None)
    return prompts, completions


def _wrap_reward(
    fn: Callable[..., Any], name: str, client: Rewardscope, collector: _RewardCollector
) -> Callable[..., Any]:
    if inspect.iscoroutinefunction(fn):

        @functools.wraps(fn)
        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            step = _call_step(collector, client, name, kwargs)
            start, values, failed = time.perf_counter(), None, True
            try:
                values = await fn(*args, **kwargs)
                failed = False
                return values
            finally:
                ms = (time.perf_counter() - start) * 1000
                prompts, completions = _split_args(args, kwargs)
                client._put((_ITEM_CALL, collector, step, name, prompts, completions, values, ms, failed))

        async_wrapper.__name__ = name
        return async_wrapper

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        step = _call_step(collector, client, name, kwargs)
        start, values, failed = time.perf_counter(), None, True
        try:
            values = fn(*args, **kwargs)
            failed = False
            return values
        finally:
            ms = (time.perf_counter() - start) * 1000
            prompts, completions = _split_args(args, kwargs)
            client._put((_ITEM_CALL, collector, step, name, prompts, completions, values, ms, failed))

    wrapper.__name__ = name  # TRL names reward columns by it, also for callables without a __name__ of their own
    return wrapper


# ---------------------------------------------------------------------------------------------------------------
# verl.


def verl_compute_score(fn: Callable[..., Any], client: Optional[Rewardscope] = None, *, name: Optional[str] = None,
                       gap: float = 2.0, **kw: Any) -> Callable[..., Any]:
    """Wraps a verl `compute_score(data_source, solution_str, ground_truth, extra_info=None, **kwargs)` (a float,
    or a dict with "score") so every score is recorded; arguments and the result pass through unchanged. Scores
    of one step make one rewards event: the step is the client's (set_step) when set, else a batch ends after
    `gap` seconds without a score. Groups come from extra_info["index"] (verl's datasets set it), else the
    question or ground truth. Works with the reward managers that score in this process (naive, dapo).

    Example:
        compute_score = verl_compute_score(my_compute_score, Rewardscope(url, run="verl-gsm8k"))
    """
    client = _default_client(client, dict(kw))
    score_name = name or getattr(fn, "__name__", "compute_score")
    collector = _ScoreCollector(score_name, _check_positive(gap, "gap"))
    client._put((_ITEM_EVENT, {"type": "run", "name": client.run, "rewardFunctions": [score_name]}))
    fields = ("data_source", "solution_str", "ground_truth", "extra_info")

    @functools.wraps(fn)
    def compute_score(*args: Any, **kwargs: Any) -> Any:
        start, result, failed = time.perf_counter(), None, True
        try:
            result = fn(*args, **kwargs)
            failed = False
            return result
        finally:
            ms = (time.perf_counter() - start) * 1000
            given = dict(zip(fields, args))
            values = [kwargs.get(f, given.get(f)) for f in fields]
            score = result.get("score") if isinstance(result, dict) else result
            client._put((_ITEM_SCORE, collector, time.monotonic(), client._step, *values, score, ms, failed))

    return compute_score


# ---------------------------------------------------------------------------------------------------------------
# transformers.


def _rss_mb() -> Optional[float]:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


class RewardscopeCallback:
    """A transformers TrainerCallback by duck typing (no transformers import): sets the client's step, sends the
    trainer's logs (loss, kl, entropy, grad_norm, learning_rate...), its own step time and memory (RSS as
    memory_mb; torch.cuda.max_memory_allocated as gpu_memory_mb) and a step_end per step, and adds rewardscope's
    figures of the latest analysed step to the trainer's logs under rewardscope/ (fetched in the background;
    they trail the logged step by the steps still being analysed).

    Example:
        trainer = GRPOTrainer(..., callbacks=[RewardscopeCallback(rs)])
    """

    def __init__(self, client: Rewardscope, *, finish_on_train_end: bool = False, flush_timeout: float = 10.0) -> None:
        self.client = client
        self.finish_on_train_end = finish_on_train_end
        self.flush_timeout = flush_timeout
        self._started: Optional[float] = None
        self._unended: Optional[int] = None
        self._torch: Any = None
        client.derived_metrics()  # from now on the background thread keeps them fresh

    def __getattr__(self, name: str) -> Any:
        # Transformers calls every event on every callback; events this one does not use are no-ops.
        if name.startswith("on_"):
            return lambda *args, **kwargs: None
        raise AttributeError(name)

    def on_init_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        self._move_ahead_of_reporters()

    def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        self._move_ahead_of_reporters()
        try:
            import torch

            self._torch = torch if torch.cuda.is_available() else None
        except ImportError:
            self._torch = None
        self.client.set_step(int(getattr(state, "global_step", 0) or 0))

    def on_step_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        self._end_step()
        self.client.set_step(state.global_step)
        self._started = time.perf_counter()

    def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        step = max(0, state.global_step - 1)  # the step that just ran; global_step already counts it
        values: Dict[str, float] = {}
        if self._started is not None:
            values["step_time"] = time.perf_counter() - self._started
        rss = _rss_mb()
        if rss is not None:
            values["memory_mb"] = rss
        if self._torch is not None:
            values["gpu_memory_mb"] = self._torch.cuda.max_memory_allocated() / 2**20
        self.client.log_metrics(step, values)
        self._unended = step
        # The trainer logs after on_step_end: when it will log this step, its step_end waits for those logs.
        if not getattr(control, "should_log", False):
            self._end_step()

    def on_log(self, args: Any, state: Any, control: Any, logs: Optional[Dict[str, Any]] = None, **kwargs: Any) -> None:
        if logs is None:
            return
        if self._unended is not None:
            values = {k: v for k, v in logs.items() if not k.startswith("rewardscope/") and _number(v) is not None}
            values.pop("epoch", None)
            self.client.log_metrics(self._unended, values)
            self._end_step()
        logs.update(self.client.derived_metrics())

    def on_train_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        self._end_step()
        if self.finish_on_train_end and getattr(state, "is_world_process_zero", True):
            self.client.finish(self.flush_timeout)
        else:
            self.client.flush(self.flush_timeout)

    def _move_ahead_of_reporters(self) -> None:
        """Transformers puts the reporting callbacks (W&B, TensorBoard, trackio) before the user's, and each
        on_log sees the same dict in turn: to reach them, this callback moves itself right after
        DefaultFlowCallback (which must run first: it decides control.should_log). The list is the trainer's
        callback handler's, found as the caller's `self`. Moving an item to an earlier index while the handler
        iterates the list still calls every callback once."""
        frame = inspect.currentframe()
        for _ in range(4):
            frame = frame.f_back if frame is not None else None
            callbacks = getattr(frame.f_locals.get("self") if frame is not None else None, "callbacks", None)
            if isinstance(callbacks, list) and any(c is self for c in callbacks):
                names = [type(c).__name__ for c in callbacks]
                at = names.index("DefaultFlowCallback") + 1 if "DefaultFlowCallback" in names else 0
                if callbacks.index(self) > at:
                    callbacks.remove(self)
                    callbacks.insert(at, self)
                return
        del frame

    def _end_step(self) -> None:
        if self._unended is not None:
            self.client.step_end(self._unended)
            self._unended = None
