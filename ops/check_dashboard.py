#!/usr/bin/env python3
"""Checks the Grafana dashboard against the metrics Rollstream's Java code exports.

The exported names are derived from the main Java sources, so the check follows the code as meters
are added or renamed:

* every Micrometer meter registered with a name (``Counter.builder("grader.attempts.graded")``,
  ``registry.counter("grader.dead.letters", ...)``, ``Timer.builder(NAME)`` with ``NAME`` a string
  constant, ...) becomes the series Micrometer's Prometheus registry writes for it: dots to
  underscores, the base unit appended, counters ``_total``, timers ``_seconds`` with ``_count``,
  ``_sum`` and ``_max`` (plus the plain name when percentiles are published and ``_bucket`` with a
  histogram), distribution summaries ``_count``, ``_sum`` and ``_max``;
* a name built at run time (``"rollstream.learner." + name``, or ``meterName(key)`` with a method of the
  same source file that returns such an expression) stands for every name with its fixed prefix;
* a binder (``KafkaStreamsMetrics``, the JVM binders) stands for the families it binds;
* a module's meters count as exported only when a ``PrometheusMeterRegistry`` is created in, or handed
  to, its code: a module whose sources mention ``PrometheusMeterRegistry`` exports the meters of its own
  module and of every module it imports from. Meters that stay in a ``SimpleMeterRegistry`` are
  registered but nobody can scrape them.

The dashboard must parse as JSON, use the provisioned Prometheus data source, and every metric its
queries name must be exported. With ``--scrape FILE`` (a ``/metrics`` response of a running grader)
it also checks that every metric the dashboard names that the scraped component exports is really
served (``--component`` names the module that served it, so only its metrics are looked for). Exit code 0
when all holds, 1 otherwise, with one line per problem.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Set, Tuple

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "ops" / "grafana" / "dashboards" / "rollstream.json"
DATASOURCES = ROOT / "ops" / "grafana" / "provisioning" / "datasources" / "prometheus.yml"

BUILDERS = ("Counter", "FunctionCounter", "Timer", "FunctionTimer", "LongTaskTimer", "Gauge", "TimeGauge",
            "MultiGauge", "DistributionSummary")
REGISTRY_TYPES = ("MeterRegistry", "PrometheusMeterRegistry", "SimpleMeterRegistry", "CompositeMeterRegistry")
REGISTRY_METHODS = {"counter": "Counter", "timer": "Timer", "summary": "DistributionSummary", "gauge": "Gauge",
                    "gaugeCollectionSize": "Gauge", "gaugeMapSize": "Gauge"}
BASE_UNITS = {"BYTES": "bytes", "ROWS": "rows", "TASKS": "tasks", "THREADS": "threads", "CLASSES": "classes",
              "BUFFERS": "buffers", "EVENTS": "events", "FILES": "files", "SESSIONS": "sessions",
              "MILLISECONDS": "milliseconds", "OBJECTS": "objects", "OPERATIONS": "operations",
              "PERCENT": "percent", "REQUESTS": "requests", "CONNECTIONS": "connections", "MESSAGES": "messages"}
# Binders and the metric families they register, as Micrometer names them for Prometheus.
BINDERS = {
    "KafkaStreamsMetrics": ("kafka_stream_", "kafka_consumer_", "kafka_producer_", "kafka_admin_client_",
                            "kafka_app_info_"),
    "KafkaClientMetrics": ("kafka_consumer_", "kafka_producer_", "kafka_admin_client_", "kafka_app_info_"),
    "JvmMemoryMetrics": ("jvm_memory_", "jvm_buffer_"),
    "JvmGcMetrics": ("jvm_gc_",),
    "JvmThreadMetrics": ("jvm_threads_",),
    "ClassLoaderMetrics": ("jvm_classes_",),
    "ProcessorMetrics": ("system_cpu_", "process_cpu_", "system_load_"),
    "UptimeMetrics": ("process_uptime_", "process_start_time_"),
    "FileDescriptorMetrics": ("process_files_",),
}
# Series Prometheus itself writes for every scrape target.
PROMETHEUS_OWN = {"up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling",
                  "scrape_series_added"}

_STRING = r'"(?:[^"\\]|\\.)*"'
_CONSTANT = re.compile(r'\bstatic\s+final\s+String\s+(\w+)\s*=\s*(' + _STRING + r')\s*;')
_IMPORT = re.compile(r'^import\s+(?:static\s+)?([\w.]+)\.\w+\s*;', re.MULTILINE)
_PACKAGE = re.compile(r'^package\s+([\w.]+)\s*;', re.MULTILINE)
# A method that builds a meter name: ``static String meterName(String key) { ...; return PREFIX + ...; }``.
_NAME_METHOD = re.compile(r'\bString\s+(\w+)\s*\([^)]*\)\s*\{(.*?)\n    \}', re.DOTALL)


@dataclass(frozen=True)
class Meter:
    """One meter registration found in the sources."""
    module: str
    source: str
    kind: str
    name: Optional[str]       # the full Micrometer name; None when built at run time
    prefix: str = ""          # the fixed start of a name built at run time
    base_unit: Optional[str] = None
    percentiles: bool = False
    histogram: bool = False

    def series(self) -> Set[str]:
        """The series names Micrometer's Prometheus registry writes for this meter."""
        if self.name is None:
            return set()
        base = prometheus_base(self.name)
        if self.kind in ("Counter", "FunctionCounter"):
            base = _with_unit(base, self.base_unit)
            return {(base[:-len("_total")] if base.endswith("_total") else base) + "_total"}
        if self.kind in ("Gauge", "TimeGauge", "MultiGauge"):
            return {_with_unit(base, "seconds" if self.kind == "TimeGauge" else self.base_unit)}
        if self.kind == "LongTaskTimer":
            base = base if base.endswith("_seconds") else base + "_seconds"
            return {base + "_active_count", base + "_duration_sum", base + "_max"}
        if self.kind in ("Timer", "FunctionTimer"):
            base = base if base.endswith("_seconds") else base + "_seconds"
        else:  # DistributionSummary
            base = _with_unit(base, self.base_unit)
        names = {base + "_count", base + "_sum"}
        if self.kind != "FunctionTimer":
            names.add(base + "_max")
        if self.percentiles:
            names.add(base)
        if self.histogram:
            names.add(base + "_bucket")
        return names


def prometheus_base(micrometer_name: str) -> str:
    return re.sub(r"[^a-zA-Z0-9_:]", "_", micrometer_name.replace(".", "_"))


def _with_unit(base: str, unit: Optional[str]) -> str:
    return base if not unit or base.endswith("_" + unit) else f"{base}_{unit}"


@dataclass
class Exports:
    """What the sources register and which of it a Prometheus registry serves."""
    meters: List[Meter] = field(default_factory=list)
    exporting_modules: Set[str] = field(default_factory=set)
    binder_families: Dict[str, Set[str]] = field(default_factory=dict)  # module -> family prefixes

    def exported_series(self) -> Set[str]:
        return {s for m in self.meters if m.module in self.exporting_modules for s in m.series()}

    def exported_prefixes(self) -> Set[str]:
        dynamic = {prometheus_base(m.prefix) for m in self.meters
                   if m.module in self.exporting_modules and m.name is None and m.prefix}
        binders = {p for module, ps in self.binder_families.items() if module in self.exporting_modules for p in ps}
        return dynamic | binders

    def exports(self, metric: str) -> bool:
        return (metric in PROMETHEUS_OWN or metric in self.exported_series()
                or any(metric.startswith(p) for p in self.exported_prefixes()))

    def owned_by(self, metric: str, module: str) -> bool:
        """Whether ``module`` registers ``metric``, itself or through a binder it creates."""
        meter = self.registered_by(metric)
        return ((meter is not None and meter.module == module)
                or any(metric.startswith(f) for f in self.binder_families.get(module, ())))

    def registered_by(self, metric: str) -> Optional[Meter]:
        for m in self.meters:
            if metric in m.series() or (m.name is None and m.prefix and metric.startswith(prometheus_base(m.prefix))):
                return m
        return None


def main_sources(root: Path) -> Iterator[Tuple[str, Path]]:
    for path in sorted(root.glob("*/src/main/java/**/*.java")):
        yield path.relative_to(root).parts[0], path


def derive_exports(root: Path) -> Exports:
    """Reads every module's main Java sources under ``root``."""
    files = [(module, path, path.read_text(encoding="utf-8")) for module, path in main_sources(root)]
    constants: Dict[str, str] = {}
    package_modules: Dict[str, str] = {}
    for module, _, text in files:
        for name, literal in _CONSTANT.findall(text):
            constants.setdefault(name, json.loads(literal))
        if m := _PACKAGE.search(text):
            package_modules[m.group(1)] = module
    exports = Exports()
    imported: Dict[str, Set[str]] = {}
    serving: Set[str] = set()
    for module, path, text in files:
        code = _strip_comments(text)
        source = str(path.relative_to(root))
        exports.meters.extend(_meters(module, source, code, constants))
        for package in _IMPORT.findall(code):
            owner = _module_of(package, package_modules)
            if owner:
                imported.setdefault(module, set()).add(owner)
        if "PrometheusMeterRegistry" in code:
            serving.add(module)
        for binder, families in BINDERS.items():
            if re.search(r"\bnew\s+" + binder + r"\s*\(", code):
                exports.binder_families.setdefault(module, set()).update(families)
    # A module that serves a Prometheus registry exports the meters of the modules whose code it runs: the
    # command line's lifecycle serves every component it starts.
    for module in serving:
        exports.exporting_modules.add(module)
        exports.exporting_modules.update(imported.get(module, set()))
    return exports


def _module_of(package: str, package_modules: Dict[str, str]) -> Optional[str]:
    while package:
        if package in package_modules:
            return package_modules[package]
        package = package.rpartition(".")[0]
    return None


def _strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.DOTALL)
    return re.sub(r"(?m)//[^\n\"]*$", "", text)


def _meters(module: str, source: str, code: str, constants: Dict[str, str]) -> Iterator[Meter]:
    registries = set(re.findall(r"\b(?:" + "|".join(REGISTRY_TYPES) + r")\s+(\w+)\s*[,;)=]", code))
    calls = [(m.start(), m.end(), m.group(1)) for m in
             re.finditer(r"\b(" + "|".join(BUILDERS) + r")\.builder\s*\(", code)]
    if registries:
        for m in re.finditer(r"\b(" + "|".join(sorted(registries)) + r")\.(\w+)\s*\(", code):
            if m.group(2) in REGISTRY_METHODS:
                calls.append((m.start(), m.end(), REGISTRY_METHODS[m.group(2)]))
    # A constant of the source itself wins over one of the same name elsewhere.
    constants = {**constants, **{name: json.loads(literal) for name, literal in _CONSTANT.findall(code)}}
    methods = _name_methods(code, constants)
    for start, args_at, kind in sorted(calls):
        expression = _first_argument(code, args_at)
        name, prefix = _resolve(expression, constants, methods)
        chain = code[args_at:_chain_end(code, args_at)]
        unit = re.search(r"\.baseUnit\s*\(\s*(" + _STRING + r"|BaseUnits\.(\w+))\s*\)", chain)
        base_unit = None
        if unit:
            base_unit = json.loads(unit.group(1)) if unit.group(1).startswith('"') else BASE_UNITS.get(unit.group(2))
        yield Meter(module=module, source=source, kind=kind, name=name, prefix=prefix, base_unit=base_unit,
                    percentiles=".publishPercentiles(" in chain,
                    histogram=".publishPercentileHistogram(" in chain or ".serviceLevelObjectives(" in chain)


def _first_argument(code: str, at: int) -> str:
    depth, in_string, i = 0, False, at
    while i < len(code):
        c = code[i]
        if in_string:
            if c == "\\":
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "([{":
            depth += 1
        elif c in ")]}" and depth > 0:
            depth -= 1
        elif c in ")]}" or (c == "," and depth == 0):
            break
        i += 1
    return code[at:i].strip()


def _chain_end(code: str, at: int) -> int:
    """Where the builder chain ends: its register(...) call or the end of the statement."""
    ends = [i for i in (code.find(".register(", at), code.find(";", at)) if i >= 0]
    return min(ends) if ends else len(code)


def _name_methods(code: str, constants: Dict[str, str]) -> Dict[str, Tuple[Optional[str], str]]:
    """Methods of one source that return a meter name: method -> (the name, or None and its fixed prefix)."""
    methods = {}
    for name, body in _NAME_METHOD.findall(code):
        returns = re.findall(r"\breturn\s+([^;]+);", body)
        if len(returns) == 1:
            methods[name] = _resolve(returns[0].strip(), constants)
    return methods


def _resolve(expression: str, constants: Dict[str, str],
             methods: Optional[Dict[str, Tuple[Optional[str], str]]] = None) -> Tuple[Optional[str], str]:
    """The name an expression of string literals and constants makes; else None and its fixed prefix."""
    resolved = ""
    for part in _split_plus(expression):
        call = re.fullmatch(r"(\w+)\s*\(.*\)", part, re.DOTALL)
        if re.fullmatch(_STRING, part):
            resolved += json.loads(part)
        elif re.fullmatch(r"(?:\w+\.)*(\w+)", part) and part.rpartition(".")[2] in constants:
            resolved += constants[part.rpartition(".")[2]]
        elif call and methods and call.group(1) in methods:
            name, prefix = methods[call.group(1)]
            if name is None:
                return None, resolved + prefix
            resolved += name
        else:
            return None, resolved
    return resolved, ""


def _split_plus(expression: str) -> List[str]:
    parts, depth, current, in_string = [], 0, "", False
    for i, c in enumerate(expression):
        if c == '"' and (i == 0 or expression[i - 1] != "\\"):
            in_string = not in_string
        if not in_string:
            depth += c in "(["
            depth -= c in ")]"
            if c == "+" and depth == 0:
                parts.append(current.strip())
                current = ""
                continue
        current += c
    parts.append(current.strip())
    return parts


_PROMQL_KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
                    "offset", "inf", "nan", "start", "end"}


def promql_metrics(expr: str) -> Set[str]:
    """The metric names a PromQL expression reads."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '""', expr)
    if "__name__" in text:
        raise ValueError(f"selects metrics by __name__, which this check cannot follow: {expr}")
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"\[[^\]]*\]", " ", text)
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)
    text = re.sub(r"\$\{?\w+\}?", " ", text)
    names = set()
    for m in re.finditer(r"(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)", text):
        name, rest = m.group(1), text[m.end():].lstrip()
        if rest.startswith("(") or name.lower() in _PROMQL_KEYWORDS:
            continue
        names.add(name)
    return names


def dashboard_queries(dashboard: dict) -> Iterator[Tuple[str, str]]:
    """(panel title, expression) of every query of every panel, rows included."""
    def panels(items: Iterable[dict]) -> Iterator[dict]:
        for p in items:
            yield p
            yield from panels(p.get("panels", []))
    for panel in panels(dashboard.get("panels", [])):
        for target in panel.get("targets", []):
            if target.get("expr"):
                yield panel.get("title", "?"), target["expr"]


def provisioned_datasource_uids(path: Path) -> Set[str]:
    return set(re.findall(r"^\s*uid:\s*['\"]?([\w-]+)", path.read_text(encoding="utf-8"), re.MULTILINE))


def check(root: Path, dashboard_path: Path, datasources_path: Path, scrape: Optional[str] = None,
          component: Optional[str] = None) -> List[str]:
    """Every problem found, one line each; empty when the dashboard holds.

    With ``scrape``, the dashboard's metrics must be served in it: those ``component`` (a module) exports when it
    is given, every one otherwise.
    """
    try:
        dashboard = json.loads(dashboard_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"{dashboard_path}: not a readable JSON file: {e}"]
    exports = derive_exports(root)
    uids = provisioned_datasource_uids(datasources_path)
    problems = []
    queries = list(dashboard_queries(dashboard))
    if not queries:
        problems.append(f"{dashboard_path}: no panel has a query")
    served = scraped_names(scrape) if scrape is not None else None
    for title, expr in queries:
        try:
            metrics = promql_metrics(expr)
        except ValueError as e:
            problems.append(f"panel '{title}': {e}")
            continue
        if not metrics:
            problems.append(f"panel '{title}': the query names no metric: {expr}")
        for metric in sorted(metrics):
            if not exports.exports(metric):
                meter = exports.registered_by(metric)
                where = (f"registered in {meter.source}, but module {meter.module} serves no Prometheus registry"
                         if meter else "no main Java source registers it")
                problems.append(f"panel '{title}': {metric} is not exported ({where})")
            elif (served is not None and metric not in PROMETHEUS_OWN and metric not in served
                  and (component is None or exports.owned_by(metric, component))):
                problems.append(f"panel '{title}': {metric} is derived from the sources but the scrape lacks it")
    for panel_uid in sorted(_datasource_uids(dashboard) - uids):
        problems.append(f"{dashboard_path}: data source uid {panel_uid} is not provisioned in {datasources_path}")
    return problems


def _datasource_uids(node) -> Set[str]:
    found = set()
    if isinstance(node, dict):
        ds = node.get("datasource")
        if isinstance(ds, dict) and isinstance(ds.get("uid"), str) and not ds["uid"].startswith("$"):
            found.add(ds["uid"])
        for value in node.values():
            found |= _datasource_uids(value)
    elif isinstance(node, list):
        for value in node:
            found |= _datasource_uids(value)
    return found


def scraped_names(text: str) -> Set[str]:
    return {re.split(r"[{\s]", line, maxsplit=1)[0] for line in text.splitlines() if line and not line.startswith("#")}


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--root", type=Path, default=ROOT, help="the repository (default: this script's)")
    p.add_argument("--dashboard", type=Path, default=DASHBOARD)
    p.add_argument("--datasources", type=Path, default=DATASOURCES)
    p.add_argument("--scrape", type=Path, help="a /metrics response to check the dashboard's names against as well")
    p.add_argument("--component", help="with --scrape: the module that served it (grader, actor, learner, feeder);"
                                       " only the dashboard's metrics it exports are looked for in the scrape")
    p.add_argument("--list", action="store_true", help="print every exported series and family, then check")
    args = p.parse_args(argv)
    if args.list:
        exports = derive_exports(args.root)
        for name in sorted(exports.exported_series()):
            print(name)
        for prefix in sorted(exports.exported_prefixes()):
            print(prefix + "*")
    scrape = args.scrape.read_text(encoding="utf-8") if args.scrape else None
    problems = check(args.root, args.dashboard, args.datasources, scrape, args.component)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        return 1
    dashboard = json.loads(args.dashboard.read_text(encoding="utf-8"))
    names = set().union(*(promql_metrics(e) for _, e in dashboard_queries(dashboard)))
    print(f"{args.dashboard.name}: {sum(1 for _ in dashboard_queries(dashboard))} queries over {len(names)} metrics, "
          f"all exported")
    return 0


if __name__ == "__main__":
    sys.exit(main())
