"""Runs `rollstream bench checker`: our answer checker beside HuggingFace math-verify on the corpus of
rewritten data-set answers. Agreement must stay above the floor, math-verify must be the pinned version, and
every class of disagreement the run finds must be one the README's answer-checker section explains."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROLLSTREAM = ROOT / "rollstream"

# Both checkers give the same verdict on at least this share of pairs (the README's run: 99.7%).
AGREEMENT_FLOOR = 99.0
# Our checker gives the verdict each rewriting meant (equal, or not equal for a near miss) on at least this share.
OURS_AS_MEANT_FLOOR = 99.5


def figures(report: dict) -> dict[str, float]:
    return {f["name"]: f["value"] for f in report["figures"]}


def checker_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n## The answer checker")
    end = readme.find("\n## ", start + 1)
    return readme[start:end if end > 0 else len(readme)]


def pinned_math_verify() -> str:
    text = (ROOT / "ops" / "requirements-test.txt").read_text(encoding="utf-8")
    return re.search(r"^math-verify==(\S+)", text, re.MULTILINE).group(1)


def test_checker_agrees_with_math_verify_except_where_the_readme_explains(tmp_path):
    report_file = tmp_path / "checker.json"
    run = subprocess.run([str(ROLLSTREAM), "bench", "checker", "--python", sys.executable,
                          "--work-dir", str(tmp_path / "work"), "--json", str(report_file)],
                         cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    report = json.loads(report_file.read_text(encoding="utf-8"))
    values = figures(report)

    assert report["settings"]["mathVerify"] == pinned_math_verify()
    assert values["pairs"] >= 5000, values
    assert values["agreement"] >= AGREEMENT_FLOOR, run.stdout
    assert values["ours as meant"] >= OURS_AS_MEANT_FLOOR, run.stdout

    classes = [name.removeprefix("disagreement: ") for name in values if name.startswith("disagreement: ")]
    assert len(classes) == values["disagreement classes"]
    section = checker_section()
    unexplained = [c for c in classes if f"`{c}`" not in section]
    assert unexplained == [], f"disagreement classes the README does not explain: {unexplained}\n{run.stdout}"


def test_checker_bench_exits_2_when_python_cannot_run_math_verify(tmp_path):
    run = subprocess.run([str(ROLLSTREAM), "bench", "checker", "--per-dataset", "1",
                          "--python", str(tmp_path / "no-such-python")],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "math-verify is not available" in run.stderr
