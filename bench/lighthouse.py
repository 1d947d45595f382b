"""Lighthouse 12.2.3 (npm), mobile preset, N runs per URL, the median of each number.

Lighthouse is installed on first use into bench/node_modules/ (ignored by git). The mobile
preset is Lighthouse's default: a Moto G Power-sized screen, simulated slow 4G (150 ms RTT,
1.6 Mbit/s) and a 4x CPU slowdown, applied by simulation to one observed load.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import tempfile
from pathlib import Path

from bench.common import BENCH, CHROMIUM, median

VERSION = "12.2.3"
PREFIX = BENCH / "node_modules" / f"lighthouse-{VERSION}"
CLI = PREFIX / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "fcp": "first-contentful-paint",
    "lcp": "largest-contentful-paint",
    "tbt": "total-blocking-time",
    "cls": "cumulative-layout-shift",
    "si": "speed-index",
    "bytes": "total-byte-weight",
}


def install() -> Path:
    """Install Lighthouse into its ignored folder unless it is there; return the CLI."""
    if not CLI.exists():
        PREFIX.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                *("npm", "i", "-E", f"lighthouse@{VERSION}", "--prefix", str(PREFIX)),
                *("--no-audit", "--no-fund", "--silent"),
            ],
            check=True,
            timeout=600,
        )
    return CLI


def run_once(url: str, timeout: float = 180) -> dict:
    """One Lighthouse run; return the JSON report. Lighthouse and the Chromium it starts run
    in their own process group, which is killed if the run overstays ``timeout``."""
    with tempfile.TemporaryDirectory(prefix="lh-") as tmp:
        report = Path(tmp) / "report.json"
        env = {**os.environ, "CHROME_PATH": CHROMIUM, "TMPDIR": tmp}
        command = [
            *(str(CLI), url, "--output=json", f"--output-path={report}", "--quiet"),
            f"--chrome-flags={CHROME_FLAGS}",
        ]
        process = subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
        finally:
            _kill_browsers_using(tmp)
        if process.returncode != 0:
            raise subprocess.CalledProcessError(process.returncode, command, stderr=stderr)
        return json.loads(report.read_text(encoding="utf-8"))


def _kill_browsers_using(folder: str) -> None:
    """Kill what is left of a Chromium whose profile lies in ``folder`` (this run's own
    temporary folder): chrome-launcher starts it in a session of its own."""
    groups = set()
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if folder.encode() in cmdline.read_bytes():
                groups.add(os.getpgid(int(cmdline.parent.name)))
        except (OSError, ValueError):
            continue
    for group in groups - {os.getpgid(0)}:
        with contextlib.suppress(OSError):
            os.killpg(group, signal.SIGKILL)


def summarize(report: dict) -> dict:
    """The numbers the table shows, and every scored audit that did not pass, from a report."""
    categories = report["categories"]
    audits = report["audits"]
    scores = {c: _score(categories.get(c, {}).get("score")) for c in CATEGORIES}
    metrics = {key: audits.get(audit, {}).get("numericValue") for key, audit in METRICS.items()}
    failed = []
    for name in CATEGORIES:
        for ref in categories.get(name, {}).get("auditRefs", []):
            audit = audits.get(ref["id"], {})
            score = audit.get("score")
            if ref.get("weight", 0) > 0 and score is not None and score < 1:
                failed.append(
                    {
                        "category": name,
                        "id": ref["id"],
                        "score": score,
                        "title": audit.get("title", ""),
                        "display": audit.get("displayValue", ""),
                    }
                )
    blocking = audits.get("render-blocking-resources", {}).get("details", {}).get("items", [])
    return {
        "scores": scores,
        "metrics": metrics,
        "failed": failed,
        "render_blocking": [item.get("url") for item in blocking],
        "warnings": report.get("runWarnings", []),
        "error": (report.get("runtimeError") or {}).get("message"),
    }


def _score(value):
    return None if value is None else round(value * 100)


def measure(urls: dict[str, str], runs: int = 3, log=print) -> dict:
    """Run every URL ``runs`` times (interleaved, so drift hits all alike); medians per URL."""
    install()
    samples: dict[str, list[dict]] = {name: [] for name in urls}
    errors: dict[str, list[str]] = {name: [] for name in urls}
    for run in range(runs):
        for name, url in urls.items():
            log(f"  lighthouse {name} run {run + 1}/{runs}")
            try:
                samples[name].append(summarize(run_once(url)))
            except (subprocess.SubprocessError, OSError, ValueError) as exc:
                detail = getattr(exc, "stderr", b"") or b""
                errors[name].append(f"{exc} {detail[-500:].decode(errors='replace')}".strip())
    result = {}
    for name, runs_ in samples.items():
        if not runs_:
            result[name] = {"runs": 0, "errors": errors[name]}
            continue
        failed: dict[str, dict] = {}
        for summary in runs_:
            for audit in summary["failed"]:
                failed.setdefault(audit["id"], audit)
        result[name] = {
            "runs": len(runs_),
            "scores": {c: median([s["scores"][c] for s in runs_]) for c in CATEGORIES},
            "metrics": {k: median([s["metrics"][k] for s in runs_]) for k in METRICS},
            "failed": list(failed.values()),
            "render_blocking": sorted({u for s in runs_ for u in s["render_blocking"]}),
            "warnings": sorted({w for s in runs_ for w in s["warnings"]}),
            "errors": errors[name] + [s["error"] for s in runs_ if s["error"]],
        }
    return result
