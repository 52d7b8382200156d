"""Scrapes a real grader: the series it serves must include every name derived from the sources for it,
and every metric the dashboard names. This keeps the derivation's naming rules true to Micrometer."""
from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import check_dashboard as cd  # noqa: E402

confluent_kafka = pytest.importorskip("confluent_kafka")

ROLLSTREAM = cd.ROOT / "rollstream"
START_TIMEOUT = float(os.environ.get("ROLLSTREAM_TEST_BROKER_TIMEOUT", "600"))


class Process:
    """A rollstream command in the background whose output lines can be awaited."""

    def __init__(self, args, log: Path):
        self.log = log
        self.popen = subprocess.Popen([str(ROLLSTREAM), *args], cwd=cd.ROOT, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
        self.lines: "queue.Queue[str]" = queue.Queue()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        with self.log.open("w", encoding="utf-8") as out:
            for line in self.popen.stdout:
                out.write(line)
                out.flush()
                self.lines.put(line)

    def await_line(self, pattern: str) -> re.Match:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                if self.popen.poll() is not None:
                    break
                continue
            if m := re.search(pattern, line):
                return m
        tail = "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:])
        raise AssertionError(f"no line matching {pattern!r} (exit {self.popen.poll()}):\n{tail}")

    def stop(self):
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=30)


@pytest.fixture(scope="module")
def scrape(tmp_path_factory) -> str:
    work = tmp_path_factory.mktemp("grader-scrape")
    broker = Process(["broker", "--port", "0", "--registry-port", "0", "--data-dir", str(work / "data")],
                     work / "broker.log")
    grader = None
    try:
        bootstrap = broker.await_line(r"Kafka bootstrap servers:\s+(\S+)").group(1)
        registry = broker.await_line(r"Schema registry:\s+(\S+)").group(1)
        broker.await_line(r"^Running")
        grader = Process(["grader", "--bootstrap-servers", bootstrap, "--schema-registry-url", registry,
                          "--state-dir", str(work / "grader-state"), "--metrics-port", "0"], work / "grader.log")
        port = grader.await_line(r"metrics on \S*:(\d+)/metrics").group(1)
        # One unreadable attempt, so the dead-letter counter (registered on first use) is served too.
        producer = confluent_kafka.Producer({"bootstrap.servers": bootstrap})
        producer.produce("rl-attempts-v1", key=b"scrape-poison", value=b"not avro")
        assert producer.flush(30) == 0
        deadline = time.monotonic() + 120
        while True:
            text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode("utf-8")
            if "grader_dead_letters_total{" in text and "kafka_stream_thread_process_rate{" in text:
                return text
            assert time.monotonic() < deadline, "the grader never dead-lettered the poison attempt"
            time.sleep(1)
    finally:
        if grader is not None:
            grader.stop()
        broker.stop()


def test_the_grader_serves_every_series_derived_for_it(scrape):
    served = cd.scraped_names(scrape)
    derived = {s for m in cd.derive_exports(cd.ROOT).meters if m.module == "grader" for s in m.series()}
    assert derived and derived <= served, sorted(derived - served)


def test_the_dashboard_holds_against_the_scrape(scrape):
    assert cd.check(cd.ROOT, cd.DASHBOARD, cd.DATASOURCES, scrape, component="grader") == []
