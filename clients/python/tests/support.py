"""Shared by the tests: the real server they run against (REWARDSCOPE_URL, REWARDSCOPE_TOKEN), reads of its
HTTP API, and fresh spool folders. The vitest side (python-client.test.ts) starts the server and runs them."""

from __future__ import annotations

import json
import logging
import os
import shutil
import socket
import sys
import tempfile
import time
import unittest
import urllib.parse
import urllib.request
from typing import Any, Callable

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from rewardscope import Rewardscope  # noqa: E402 (after the path it comes from)

URL = os.environ.get("REWARDSCOPE_URL", "")
# The client says when a server is unreachable; here that is on purpose, so only errors are shown.
logging.getLogger("rewardscope").setLevel(logging.ERROR)
TOKEN = os.environ.get("REWARDSCOPE_TOKEN") or None


def needs_server(case: type) -> type:
    return unittest.skipUnless(URL, "REWARDSCOPE_URL names no running server")(case)


def get(path: str) -> Any:
    """GET /api/v1{path} as JSON; None on 404 (a step not yet analysed)."""
    request = urllib.request.Request(f"{URL}/api/v1{path}")
    if TOKEN:
        request.add_header("authorization", f"Bearer {TOKEN}")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=10) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise


def run_path(run: str) -> str:
    return f"/runs/{urllib.parse.quote(run, safe='')}"


def wait_for(read: Callable[[], Any], timeout: float = 15.0) -> Any:
    """The server acknowledges once a batch is durable and analyses right after: poll until `read` holds."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.05)


def step_report(run: str, step: int) -> Any:
    return wait_for(lambda: get(f"{run_path(run)}/steps/{step}"))


def steps_analysed(run: str, count: int) -> Any:
    """The run record once `count` steps are analysed (or as it is at the timeout)."""
    wait_for(lambda: (get(run_path(run)) or {}).get("stepCount", 0) >= count)
    return get(run_path(run))


def completions(run: str, step: int) -> list:
    return get(f"{run_path(run)}/completions?step={step}&limit=1000")["completions"]


def dead_url() -> str:
    """A loopback port that nobody listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class TempDirs(unittest.TestCase):
    def temp_dir(self) -> str:
        path = tempfile.mkdtemp(prefix="rewardscope-py-")
        self.addCleanup(shutil.rmtree, path, True)
        return path

    def client(self, run: str, url: str = "", spool_dir: str = "", **settings: Any) -> Rewardscope:
        """A client on its own spool folder, closed after the test (before the folder goes) if the test did not."""
        settings.setdefault("flush_interval", 0.1)
        client = Rewardscope(url or URL, run, TOKEN, spool_dir=spool_dir or self.temp_dir(), **settings)
        self.addCleanup(client.close, 1.0)
        return client
