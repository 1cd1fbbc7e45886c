"""Whole-process time against rows, per tool, log-log: benchmarks/peers_time.png.

    benchmarks/peers/.venvs/datafog/bin/python benchmarks/peers/plot.py [--results R] [--out PNG]

matplotlib lives in the datafog venv (not in pdscan's); run_peers.py calls this at the end
of a run. Reads results.json (the generated ``people`` tables only): one line per tool and
store (solid: SQLite, dashed: PostgreSQL); a run that timed out is drawn as an open
marker at the timeout with an arrow up, and the timeout is a grey line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

try:
    import matplotlib
except ImportError:  # re-run under the venv that has it
    alt = HERE / ".venvs" / "datafog" / "bin" / "python"
    if alt.exists() and Path(sys.executable).resolve() != alt.resolve():
        os.execv(str(alt), [str(alt), *sys.argv])
    raise

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

COLORS = {"pdscan": "#d62728", "piicatcher": "#1f77b4", "presidio-structured": "#2ca02c",
          "presidio-structured-mixed": "#98df8a", "datafog": "#9467bd"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--results", default=str(HERE / "results.json"))
    ap.add_argument("--out", default=str(HERE.parent / "peers_time.png"))
    args = ap.parse_args()
    doc = json.loads(Path(args.results).read_text(encoding="utf-8"))
    rows = [r for r in doc["rows"] if r.get("kind") == "scale" and r.get("rows")]
    timeout = doc.get("settings", {}).get("timeout_s", 900)
    fig, ax = plt.subplots(figsize=(11.5, 6), dpi=120)
    series: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        series.setdefault((r["tool"], r["backend"]), []).append(r)
    for (tool, backend), rs in sorted(series.items()):
        rs.sort(key=lambda r: r["rows"])
        ok = [r for r in rs if r["status"] == "ok"]
        style = "-" if backend == "sqlite" else "--"
        label = f"{tool} ({'SQLite' if backend == 'sqlite' else 'PostgreSQL'})"
        color = COLORS.get(tool, "black")
        if ok:
            ax.plot([r["rows"] for r in ok], [r["wall_s"] for r in ok], style, marker="o",
                    color=color, label=label)
        predicted = [r for r in rs if r["status"] == "skipped" and r.get("predicted_s")]
        if ok and predicted:
            ax.plot([ok[-1]["rows"]] + [r["rows"] for r in predicted],
                    [ok[-1]["wall_s"]] + [r["predicted_s"] for r in predicted], ":",
                    marker="x", color=color)
        for r in rs:
            if r["status"] == "timeout":
                ax.plot([r["rows"]], [timeout], marker="^", markersize=10,
                        markerfacecolor="none", color=color, linestyle="none",
                        label=None if ok else f"{label}: timeout")
                if ok:
                    ax.plot([ok[-1]["rows"], r["rows"]], [ok[-1]["wall_s"], timeout], ":",
                            color=color)
    ax.axhline(timeout, color="grey", linewidth=0.8)
    ax.text(0.99, timeout * 1.08, f"timeout {timeout:.0f} s", color="grey", fontsize=8,
            ha="right", transform=ax.get_yaxis_transform())
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("rows in the people table")
    ax.set_ylabel("whole-process wall time (s)")
    ax.set_title("Classifying one table: whole process, start to exit\n"
                 "(open triangle: killed at the timeout; missing: not run after a timeout;\n"
                 "x on a dotted line: not run, linear extrapolation from the previous size)",
                 fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5))
    fig.tight_layout()
    fig.savefig(args.out)
    print(f"plot: {args.out}")


if __name__ == "__main__":
    main()
