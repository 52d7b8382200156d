"""``python -m rollstream_client graded|trajectories --from TIME --to TIME``: prints a window of the
graded attempts or the closed episodes, one line (or one JSON object with ``--json``) per record."""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from datetime import datetime, timezone
from enum import Enum
from typing import Any, Callable, Dict, List, Optional

from . import topics
from .reader import Record, RollstreamReader
from .records import GradedAttempt, Trajectory
from .timeparse import FORMS, parse_time


def describe_graded(g: GradedAttempt) -> str:
    return (f"{g.episode_id} attempt {g.attempt}: {_text(g.verdict)} reward {g.reward} "
            f"(grader {g.grader_version}, policy {_policy(g.policy_name)} v{g.attempt_record.policy_version})")


def describe_trajectory(t: Trajectory) -> str:
    verdicts = ",".join(_text(a.verdict) for a in t.attempts)
    return (f"{t.episode_id} {_text(t.outcome)} reward {t.terminal_reward} after {len(t.attempts)} of "
            f"{t.max_attempts} attempts [{verdicts}] (policy {_policy(t.policy_name)} versions {t.policy_versions})")


def _policy(name: str) -> str:
    # Versions count per policy, so a version is only meaningful with its policy's name; records written
    # before policies were named belong to "default", as the pipeline reads them.
    return name or "default"


_COMMANDS: Dict[str, tuple] = {
    "graded": (topics.GRADED, describe_graded, "graded attempts"),
    "trajectories": (topics.TRAJECTORIES, describe_trajectory, "trajectories"),
}


def to_json(value: Any) -> Any:
    """A typed record as JSON-ready data: enums by symbol, instants ISO-8601, bytes as latin-1 text."""
    if dataclasses.is_dataclass(value):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value


def _text(symbol: Any) -> str:
    return symbol.value if isinstance(symbol, Enum) else str(symbol)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m rollstream_client",
                                description="Prints a time window of Rollstream's graded attempts or trajectories.")
    sub = p.add_subparsers(dest="command", required=True, metavar="{graded,trajectories}")
    for name, (topic, _, what) in _COMMANDS.items():
        c = sub.add_parser(name, help=f"the {what} of {topic.name} in [--from, --to)")
        c.add_argument("--from", dest="start", default="-1h", metavar="TIME",
                       help="first record timestamp, inclusive (default: -1h); " + FORMS)
        c.add_argument("--to", dest="end", default="now", metavar="TIME",
                       help="last record timestamp, exclusive (default: now)")
        c.add_argument("--bootstrap-servers", default=os.environ.get("ROLLSTREAM_BOOTSTRAP_SERVERS", "localhost:9092"),
                       help="Kafka bootstrap servers (env ROLLSTREAM_BOOTSTRAP_SERVERS; default: %(default)s)")
        c.add_argument("--schema-registry-url",
                       default=os.environ.get("ROLLSTREAM_SCHEMA_REGISTRY_URL", "http://localhost:8081"),
                       help="schema registry (env ROLLSTREAM_SCHEMA_REGISTRY_URL; default: %(default)s)")
        c.add_argument("--json", action="store_true", help="one JSON object per record, with its topic, "
                                                           "partition, offset and timestamp")
    return p


def attach_times(argv: List[str]) -> List[str]:
    """``--from -1h`` as ``--from=-1h``: argparse would take a value starting with '-' for an option."""
    joined, i = [], 0
    while i < len(argv):
        if argv[i] in ("--from", "--to") and i + 1 < len(argv):
            joined.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
        else:
            joined.append(argv[i])
            i += 1
    return joined


def main(argv: Optional[List[str]] = None, out=None, err=None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    args = parser().parse_args(attach_times(sys.argv[1:] if argv is None else argv))
    now = datetime.now(timezone.utc)
    try:
        start, end = parse_time(args.start, now), parse_time(args.end, now)
    except ValueError as e:
        print(f"rollstream_client {args.command}: {e}", file=err)
        return 2
    topic, describe, what = _COMMANDS[args.command]
    count = 0
    with RollstreamReader(args.bootstrap_servers, args.schema_registry_url) as reader:
        try:
            for record in reader.read(topic, start, end):
                out.write(_line(record, describe, args.json) + "\n")
                count += 1
        except BrokenPipeError:
            # The reader of our output (e.g. head) has had enough; that is not an error.
            sys.stdout = open(os.devnull, "w")
            return 0
    print(f"{count} {what} in [{start.isoformat()}, {end.isoformat()})", file=err)
    return 0


def _line(record: Record, describe: Callable[[Any], str], as_json: bool) -> str:
    if not as_json:
        return f"{record.timestamp.isoformat(timespec='milliseconds')} {describe(record.value)}"
    return json.dumps({"topic": record.topic, "partition": record.partition, "offset": record.offset,
                       "timestamp": to_json(record.timestamp), "key": record.key, "value": to_json(record.value)},
                      ensure_ascii=False)
