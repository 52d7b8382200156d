"""The README's module table against the poms: the same modules, in the build's order, and for each the
production dependencies on other Rollstream modules its pom declares."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POM = {"m": "http://maven.apache.org/POM/4.0.0"}


def table() -> dict[str, set[str] | None]:
    """Module → the modules it depends on as the table says; None for "all of the above"."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n## Modules")
    section = readme[start:readme.index("\n## ", start + 1)]
    rows = {}
    for line in section.splitlines():
        m = re.match(r"^\| `([a-z-]+)` \|.*\| ([^|]+) \|$", line)
        if not m:
            continue
        cell = m.group(2).strip()
        if cell == "all of the above":
            rows[m.group(1)] = None
        elif cell == "—":
            rows[m.group(1)] = set()
        else:
            rows[m.group(1)] = {d.strip() for d in cell.split(",")}
    return rows


def build_modules() -> list[str]:
    root = ET.parse(ROOT / "pom.xml").getroot()
    return [m.text for m in root.findall("m:modules/m:module", POM)]


def production_dependencies(module: str) -> set[str]:
    root = ET.parse(ROOT / module / "pom.xml").getroot()
    found = set()
    for dep in root.findall("m:dependencies/m:dependency", POM):
        artifact = dep.findtext("m:artifactId", namespaces=POM)
        scope = dep.findtext("m:scope", default="compile", namespaces=POM)
        if artifact.startswith("rollstream-") and scope in ("compile", "runtime"):
            found.add(artifact.removeprefix("rollstream-"))
    return found


def test_the_table_lists_the_build_modules_in_order():
    assert list(table()) == build_modules()


def test_each_row_names_the_production_dependencies_of_its_pom():
    rows = table()
    order = build_modules()
    for module, said in rows.items():
        declared = production_dependencies(module)
        expected = set(order[:order.index(module)]) if said is None else said
        assert declared == expected, f"{module}: the pom declares {sorted(declared)}, the README {sorted(expected)}"
