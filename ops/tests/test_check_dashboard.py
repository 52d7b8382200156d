"""The dashboard check: its derivation of Prometheus names from Java sources, and what it rejects."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import check_dashboard as cd  # noqa: E402

METERS_JAVA = """
package org.example.svc;

import io.micrometer.core.instrument.*;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.example.lib.Work;

final class Meters {
    Meters(PrometheusMeterRegistry registry, String dynamic) {
        Counter.builder("svc.jobs.started").tag("k", "v").register(registry);
        Counter.builder("svc.requests.total").register(registry);
        Counter.builder("svc.payload").baseUnit(BaseUnits.BYTES).register(registry);
        Timer.builder("svc.step").publishPercentiles(0.5, 0.99).register(registry);
        Timer.builder("svc.wait").publishPercentileHistogram().register(registry);
        DistributionSummary.builder("svc.batch").baseUnit("records").register(registry);
        LongTaskTimer.builder("svc.export").register(registry);
        Gauge.builder("svc.queue.depth", this, m -> 1.0).register(registry);
        Gauge.builder("svc.dynamic." + dynamic, this, m -> 1.0).register(registry);
        registry.counter("svc.rejected", "reason", "x");
        registry.timer("svc.flush");
    }
}
"""
WORK_JAVA = """
package org.example.lib;

/** Handed the exporting registry by svc, so its meters are served too. */
public final class Work {
    public Work(io.micrometer.core.instrument.MeterRegistry meters) {
        io.micrometer.core.instrument.Counter.builder("lib.work.items").register(meters);
    }
}
"""
QUIET_JAVA = """
package org.example.quiet;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

final class Quiet {
    Quiet(MeterRegistry registry) {
        Counter.builder("quiet.calls").register(registry);
    }
}
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for module, package, name, text in [("svc", "org/example/svc", "Meters", METERS_JAVA),
                                        ("lib", "org/example/lib", "Work", WORK_JAVA),
                                        ("quiet", "org/example/quiet", "Quiet", QUIET_JAVA)]:
        path = tmp_path / module / "src" / "main" / "java" / package / f"{name}.java"
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_micrometer_names_become_the_series_prometheus_serves(tree):
    exports = cd.derive_exports(tree)
    assert exports.exporting_modules >= {"svc", "lib"} and "quiet" not in exports.exporting_modules
    assert exports.exported_series() == {
        "svc_jobs_started_total", "svc_requests_total", "svc_payload_bytes_total",
        "svc_step_seconds", "svc_step_seconds_count", "svc_step_seconds_sum", "svc_step_seconds_max",
        "svc_wait_seconds_bucket", "svc_wait_seconds_count", "svc_wait_seconds_sum", "svc_wait_seconds_max",
        "svc_batch_records_count", "svc_batch_records_sum", "svc_batch_records_max",
        "svc_export_seconds_active_count", "svc_export_seconds_duration_sum", "svc_export_seconds_max",
        "svc_queue_depth", "svc_rejected_total",
        "svc_flush_seconds_count", "svc_flush_seconds_sum", "svc_flush_seconds_max",
        "lib_work_items_total",
    }
    assert exports.exported_prefixes() == {"svc_dynamic_"}
    assert exports.exports("svc_dynamic_anything") and not exports.exports("quiet_calls_total")
    assert exports.registered_by("quiet_calls_total").module == "quiet"


def test_names_built_from_constants_resolve(tmp_path):
    path = tmp_path / "m" / "src" / "main" / "java" / "C.java"
    path.parent.mkdir(parents=True)
    path.write_text('import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;\n'
                    'class C { static final String NAME = "m.calls";\n'
                    '  C(PrometheusMeterRegistry r) { Counter.builder(C.NAME + ".made").register(r); } }',
                    encoding="utf-8")
    assert cd.derive_exports(tmp_path).exported_series() == {"m_calls_made_total"}


def test_names_built_by_a_method_of_the_same_source_resolve_to_its_prefix(tmp_path):
    path = tmp_path / "m" / "src" / "main" / "java" / "M.java"
    path.parent.mkdir(parents=True)
    path.write_text('import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;\n'
                    'class M {\n'
                    '    private static final String PREFIX = "m.learner.";\n'
                    '    static String meterName(String key) {\n'
                    '        String base = key.trim();\n'
                    '        return PREFIX + base.replace(\'/\', \'.\');\n'
                    '    }\n'
                    '    static String fixedName() {\n'
                    '        return "m.fixed";\n'
                    '    }\n'
                    '    M(PrometheusMeterRegistry r, String key) {\n'
                    '        Gauge.builder(meterName(key), this, x -> 1.0).register(r);\n'
                    '        Counter.builder(fixedName()).register(r);\n'
                    '    }\n'
                    '}\n', encoding="utf-8")
    exports = cd.derive_exports(tmp_path)
    assert exports.exported_prefixes() == {"m_learner_"}
    assert exports.exported_series() == {"m_fixed_total"}
    assert exports.exports("m_learner_reward_mean") and not exports.exports("m_actor_reward_mean")


def test_the_repository_exports_every_components_meters_under_one_scheme():
    exports = cd.derive_exports(cd.ROOT)
    series = exports.exported_series()
    assert {"rollstream_grader_attempts_graded_total", "rollstream_grader_episodes_closed_total",
            "rollstream_grader_dead_letters_total", "rollstream_grader_attempt_latency_seconds_count",
            "rollstream_grader_episodes_open", "rollstream_actor_attempts_total",
            "rollstream_actor_policy_version"} <= series
    assert {"kafka_consumer_", "rollstream_learner_"} <= exports.exported_prefixes()
    # The command line's lifecycle serves the registry every component it starts reports to.
    assert exports.registered_by("rollstream_actor_attempts_total").module == "actor"
    assert "actor" in exports.exporting_modules


def test_the_repository_dashboard_names_only_exported_metrics():
    assert cd.check(cd.ROOT, cd.DASHBOARD, cd.DATASOURCES) == []
    assert cd.main([]) == 0


def with_query(tmp_path, expr, uid="rollstream-prometheus") -> Path:
    dashboard = json.loads(cd.DASHBOARD.read_text(encoding="utf-8"))
    dashboard["panels"].append({"type": "timeseries", "title": "extra", "datasource": {"type": "prometheus", "uid": uid},
                                "targets": [{"refId": "A", "expr": expr}]})
    path = tmp_path / "dashboard.json"
    path.write_text(json.dumps(dashboard), encoding="utf-8")
    return path


def test_a_metric_nobody_exports_fails_the_check(tmp_path):
    path = with_query(tmp_path, "sum(rate(grader_attempts_total[1m])) / sum(rate(actor_tokens_total[1m]))")
    problems = cd.check(cd.ROOT, path, cd.DATASOURCES)
    assert len(problems) == 2
    assert any("grader_attempts_total is not exported (no main Java source registers it)" in p for p in problems)
    assert any("actor_tokens_total is not exported (no main Java source registers it)" in p for p in problems)
    assert cd.main(["--dashboard", str(path)]) == 1


def test_an_unprovisioned_data_source_and_broken_json_fail_the_check(tmp_path):
    problems = cd.check(cd.ROOT, with_query(tmp_path, "rollstream_grader_episodes_open", uid="elsewhere"), cd.DATASOURCES)
    assert problems == [f"{tmp_path / 'dashboard.json'}: data source uid elsewhere is not provisioned in {cd.DATASOURCES}"]
    broken = tmp_path / "broken.json"
    broken.write_text('{"panels": [', encoding="utf-8")
    assert "not a readable JSON file" in cd.check(cd.ROOT, broken, cd.DATASOURCES)[0]


def test_a_scrape_missing_a_dashboard_metric_fails_the_check():
    dashboard = json.loads(cd.DASHBOARD.read_text(encoding="utf-8"))
    names = set().union(*(cd.promql_metrics(e) for _, e in cd.dashboard_queries(dashboard))) - cd.PROMETHEUS_OWN
    scrape = "\n".join(f"{n}{{a=\"b\"}} 1.0" for n in sorted(names)) + "\n"
    assert cd.check(cd.ROOT, cd.DASHBOARD, cd.DATASOURCES, scrape) == []
    without = "\n".join(line for line in scrape.splitlines()
                        if not line.startswith("rollstream_grader_episodes_open"))
    assert cd.check(cd.ROOT, cd.DASHBOARD, cd.DATASOURCES, without) == [
        "panel 'Open episodes': rollstream_grader_episodes_open is derived from the sources but the scrape lacks it"]


def test_a_components_scrape_is_checked_for_that_components_metrics_only():
    dashboard = json.loads(cd.DASHBOARD.read_text(encoding="utf-8"))
    names = set().union(*(cd.promql_metrics(e) for _, e in cd.dashboard_queries(dashboard))) - cd.PROMETHEUS_OWN
    grader_only = "\n".join(f"{n} 1.0" for n in sorted(names) if not n.startswith(("rollstream_actor_",
                                                                                   "rollstream_learner_",
                                                                                   "rollstream_feeder_"))) + "\n"
    assert cd.check(cd.ROOT, cd.DASHBOARD, cd.DATASOURCES, grader_only, component="grader") == []
    assert any("rollstream_actor_attempts_total is derived from the sources but the scrape lacks it" in p
               for p in cd.check(cd.ROOT, cd.DASHBOARD, cd.DATASOURCES, grader_only))
    actor = "\n".join(f"{n} 1.0" for n in sorted(names) if n.startswith("rollstream_actor_")) + "\n"
    problems = cd.check(cd.ROOT, cd.DASHBOARD, cd.DATASOURCES, actor, component="actor")
    assert problems and all("kafka_consumer_" in p for p in problems), problems


@pytest.mark.parametrize("expr, names", [
    ('sum by (verdict) (rate(grader_attempts_graded_total{verdict!="UNSCORABLE"}[5m]))', {"grader_attempts_graded_total"}),
    ("a_total / on(instance) group_left(job) b_total", {"a_total", "b_total"}),
    ('histogram_quantile(0.99, sum by (le) (rate(x_seconds_bucket{job="j"}[$__rate_interval])))', {"x_seconds_bucket"}),
    ("sum(increase(d_total[1h])) or vector(0)", {"d_total"}),
    ('max(lag_max{client_id=~".*-StreamThread-[0-9]+-consumer"}) offset 5m', {"lag_max"}),
    ("up == bool 1 and m", {"up", "m"}),
])
def test_promql_names_are_found(expr, names):
    assert cd.promql_metrics(expr) == names


def test_selecting_by_name_is_refused():
    with pytest.raises(ValueError, match="__name__"):
        cd.promql_metrics('{__name__=~"grader_.*"}')
