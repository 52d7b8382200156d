"""Fixtures that fill a real broker with records written by Rollstream's own Java code.

The session starts ``./rollstream broker`` on free ports, writes two unreadable attempts (so the grader
has something to dead-letter), then runs ``./rollstream demo --quick`` against it, which feeds, generates,
grades, trains and publishes policy versions through every topic. The tests read that run back.
"""
from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Optional, Tuple

import pytest
from confluent_kafka import Producer

REPO = Path(__file__).resolve().parents[3]
ROLLSTREAM = REPO / "rollstream"
BROKER_START_TIMEOUT = float(os.environ.get("ROLLSTREAM_TEST_BROKER_TIMEOUT", "600"))  # includes a first build
DEMO_TIMEOUT = float(os.environ.get("ROLLSTREAM_TEST_DEMO_TIMEOUT", "900"))

# Unreadable attempts: one framed with a schema id nobody registered, one not framed at all.
POISON: Tuple[Tuple[bytes, bytes], ...] = (
    (b"python-poison-unknown-schema", b"\x00\x7f\xff\xff\xfe" + b"not avro"),
    (b"python-poison-unframed", b"plain text, no magic byte"),
)

# How many records of each type the tests decoded, printed at the end of the run.
DECODED: Counter = Counter()


@dataclass
class Broker:
    bootstrap_servers: str
    schema_registry_url: str
    process: subprocess.Popen
    log: Path


@dataclass
class Pipeline:
    """A finished demo run: its broker, the window its records fall in, and what the Java side counted."""
    broker: Broker
    start: datetime
    end: datetime
    results: dict
    poison: Tuple[Tuple[bytes, bytes], ...]


def _drain(stream, log: Path, lines: "queue.Queue[str]") -> None:
    with log.open("w", encoding="utf-8") as out:
        for line in stream:
            out.write(line)
            out.flush()
            lines.put(line)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=30)


def _tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


@pytest.fixture(scope="session")
def broker(tmp_path_factory) -> Broker:
    work = tmp_path_factory.mktemp("broker")
    log = work / "broker.log"
    process = subprocess.Popen(
        [str(ROLLSTREAM), "broker", "--port", "0", "--registry-port", "0", "--data-dir", str(work / "data")],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
    lines: "queue.Queue[str]" = queue.Queue()
    threading.Thread(target=_drain, args=(process.stdout, log, lines), daemon=True).start()
    bootstrap: Optional[str] = None
    registry: Optional[str] = None
    deadline = time.monotonic() + BROKER_START_TIMEOUT
    try:
        while True:
            if time.monotonic() > deadline:
                raise AssertionError(f"broker not up after {BROKER_START_TIMEOUT:.0f} s:\n{_tail(log)}")
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                if process.poll() is not None:
                    raise AssertionError(f"broker exited with {process.returncode}:\n{_tail(log)}")
                continue
            if m := re.match(r"Kafka bootstrap servers:\s+(\S+)", line):
                bootstrap = m.group(1)
            elif m := re.match(r"Schema registry:\s+(\S+)", line):
                registry = m.group(1)
            elif line.startswith("Running") and bootstrap and registry:
                break
        yield Broker(bootstrap, registry, process, log)
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def pipeline(broker: Broker, tmp_path_factory) -> Pipeline:
    # Before the poison: its records carry the time produce() was called, and delivering them can take
    # longer than any margin on a busy machine.
    start = datetime.now(timezone.utc) - timedelta(seconds=1)
    producer = Producer({"bootstrap.servers": broker.bootstrap_servers, "enable.idempotence": True})
    for key, value in POISON:
        producer.produce("rl-attempts-v1", key=key, value=value)
    assert producer.flush(30) == 0, "poison records not delivered"

    run_dir = tmp_path_factory.mktemp("demo") / "run"
    log = run_dir.parent / "demo.log"
    with log.open("w", encoding="utf-8") as out:
        demo = subprocess.run(
            [str(ROLLSTREAM), "demo", "--quick", "--bootstrap-servers", broker.bootstrap_servers,
             "--schema-registry-url", broker.schema_registry_url, "--run-dir", str(run_dir)],
            cwd=REPO, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=DEMO_TIMEOUT)
    assert demo.returncode == 0, f"demo exited with {demo.returncode}:\n{_tail(log)}"
    end = datetime.now(timezone.utc) + timedelta(seconds=1)
    results = json.loads((run_dir / "results.json").read_text(encoding="utf-8"))
    return Pipeline(broker, start, end, results, POISON)


def pytest_terminal_summary(terminalreporter) -> None:
    if DECODED:
        terminalreporter.write_sep("-", "records decoded from the broker")
        for name, count in sorted(DECODED.items()):
            terminalreporter.write_line(f"{name}: {count}")
