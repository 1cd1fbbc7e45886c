"""Time ``export`` of each sample_db truth subject from all stores (run by hand).

    python benchmarks/bench_export.py
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

from pdscan.config import load_config
from pdscan.export import export_subject, write_package
from pdscan.index import build_index
from pdscan.policy import load_policy

SAMPLE = Path(__file__).resolve().parent.parent / "sample_db"


def main() -> None:
    specs = load_config(SAMPLE / "pdscan.toml").sources
    policy = load_policy(SAMPLE / "policy.yaml")
    subjects = json.loads((SAMPLE / "truth.json").read_text())["subjects"]
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index.db"
        build_index(specs, index)
        for fmt in ("json", "csv", "parquet"):
            times = []
            for s in subjects * 2:
                t = time.perf_counter()
                pkg = export_subject(index, specs, policy, emails=[s["query"]["email"]])
                write_package(pkg, fmt, Path(tmp) / f"out.{fmt}")
                times.append(time.perf_counter() - t)
            print(f"{fmt}: median {statistics.median(times):.3f} s, max {max(times):.3f} s "
                  f"over {len(times)} exports")


if __name__ == "__main__":
    main()
