"""docker-compose.yml, the Prometheus configuration and Grafana's provisioning must point at each other."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import check_dashboard as cd  # noqa: E402

ROOT = cd.ROOT


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


COMPOSE = load(ROOT / "docker-compose.yml")
SERVICES = COMPOSE["services"]


def mounts(service: str) -> dict:
    """Container path -> repository path of a service's bind mounts."""
    found = {}
    for volume in SERVICES[service].get("volumes", []):
        source, target = volume.split(":")[:2]
        if source.startswith("./"):
            found[target] = ROOT / source[2:]
    return found


def test_every_file_the_monitoring_services_mount_exists():
    for service in ("prometheus", "grafana"):
        for target, source in mounts(service).items():
            assert source.exists(), f"{service} mounts {source} at {target}, which does not exist"


def prometheus_config():
    """(path in the container, file in the repository) of the mounted Prometheus configuration."""
    (target, source), = [(t, s) for t, s in mounts("prometheus").items() if t.endswith(".yml")]
    return target, source


def test_grafana_loads_the_dashboard_and_the_data_source_from_the_mounted_folders():
    grafana = mounts("grafana")
    provisioning = grafana["/etc/grafana/provisioning"]
    providers = load(provisioning / "dashboards" / "rollstream.yml")["providers"]
    dashboards_in_container = providers[0]["options"]["path"]
    assert grafana[dashboards_in_container] == cd.DASHBOARD.parent
    home = SERVICES["grafana"]["environment"]["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"]
    assert home == f"{dashboards_in_container}/{cd.DASHBOARD.name}"
    datasource = load(provisioning / "datasources" / "prometheus.yml")["datasources"][0]
    url = urlparse(datasource["url"])
    assert url.hostname == "prometheus" and url.hostname in SERVICES
    assert url.port == 9090  # Prometheus' default listen port; the service does not change it


def command_line(service: str) -> str:
    """What a service runs: its entrypoint and command, as one string."""
    parts = [*SERVICES[service].get("entrypoint", []), *SERVICES[service].get("command", [])]
    return " ".join(str(part) for part in parts)


def scraped_services() -> dict:
    """Compose service -> the port Prometheus scrapes it on."""
    scraped = {}
    for job in load(prometheus_config()[1])["scrape_configs"]:
        for sd in job["dns_sd_configs"]:
            for name in sd["names"]:
                scraped[name] = sd["port"]
    return scraped


def test_prometheus_scrapes_the_port_each_service_serves_metrics_on():
    target, _ = prometheus_config()
    assert f"--config.file={target}" in SERVICES["prometheus"]["command"]
    scraped = scraped_services()
    assert scraped
    for name, port in scraped.items():
        assert name in SERVICES, f"Prometheus scrapes {name}, which is no compose service"
        served = re.search(r"--metrics-port\s+(\d+)", command_line(name))
        assert served and int(served.group(1)) == port, f"{name} does not serve metrics on {port}"


def test_every_component_of_the_pipeline_serves_metrics_and_is_scraped():
    components = {"grader", "actor", "learner", "feed"}
    assert components <= set(SERVICES)
    serving = {name for name in SERVICES if "--metrics-port" in command_line(name)}
    assert components <= serving, f"no --metrics-port: {sorted(components - serving)}"
    assert serving <= set(scraped_services()), f"serving but not scraped: {sorted(serving - set(scraped_services()))}"


def test_the_dashboards_job_selectors_name_jobs_prometheus_scrapes():
    jobs = {job["job_name"] for job in load(prometheus_config()[1])["scrape_configs"]}
    dashboard = json.loads(cd.DASHBOARD.read_text(encoding="utf-8"))
    selected = {job for _, expr in cd.dashboard_queries(dashboard) for job in re.findall(r'job="([\w-]+)"', expr)}
    assert selected and selected <= jobs
