"""`quote offer` timed as the owner runs it: a fresh process per offer, median of N.

A scratch database holds one inquiry priced with the fixture price list (four services, one of
them a package tier), and a scratch settings file fills the owner's details; each run writes one
more offer (PDF and HTML) and is timed from the process's start to its exit."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import BIN, ROOT, median

SETTINGS = """\
SITENAME = "Bench"
SITE_ORIGIN = "https://bench.lv"
OWNER = {
    "name": "Anna Bērziņa", "reg_no": "40000000001", "vat_no": "LV40000000001",
    "address": "Brīvības iela 1, Rīga", "email": "anna@bench.lv", "phone": "+371 20000000",
    "bank": "AS Banka", "iban": "LV80BANK0000435195001",
}
"""
QUERY = "positioning=1&content=2&ads=1&influencer=2&months=6"
PRICING = ROOT / "tests" / "fixtures" / "site" / "pricing.yaml"


def _scratch_inquiry(db: Path) -> int:
    from quote.contact.quoting import CatalogSource, recompute
    from quote.contact.store import NewInquiry, Store

    quote = recompute(CatalogSource(PRICING), QUERY)
    store = Store(db)
    store.migrate()
    inquiry = NewInquiry(
        name="Līga Ozoliņa",
        email="liga@piemers.lv",
        phone=None,
        company="SIA „Ozoliņi”",
        channels=("Meta",),
        message="Labdien!",
        quote_query=quote.query,
        estimate_json=quote.estimate_json,
        price_version=quote.price_version,
        price_list_json=quote.price_list_json,
    )
    return store.add_inquiry(inquiry, notify=False)


def measure(runs: int = 5, log=print) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-offer-") as tmp:
        folder = Path(tmp)
        settings = folder / "pelicanconf.py"
        settings.write_text(SETTINGS, encoding="utf-8")
        db = folder / "inquiries.sqlite3"
        inquiry_id = _scratch_inquiry(db)
        env = {**os.environ, "QUOTE_DB": str(db), "QUOTE_PRICING": str(PRICING)}
        command = [str(BIN / "quote"), "offer", str(inquiry_id), "--settings", str(settings)]
        samples, sizes = [], []
        for run in range(runs):
            log(f"  offer {run + 1}/{runs}")
            start = time.perf_counter()
            result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=tmp)
            samples.append(time.perf_counter() - start)
            if result.returncode != 0:
                raise RuntimeError(f"quote offer failed:\n{result.stdout}{result.stderr}")
        sizes = [path.stat().st_size for path in (folder / "offers").rglob("*.pdf")]
    return {
        "runs": runs,
        "offer_s": median(samples),
        "pdf_bytes": median(sizes),
        "offers_written": len(sizes),
        "samples": samples,
    }
