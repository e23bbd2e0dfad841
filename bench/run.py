"""Performance budgets, measured (a benchmark, not a test): prints a table and exits 1 when one is missed.

Usage: python bench/run.py [--json] [--only SECTION ...]. Sections: startup, packs, labs, engine, store.
Ratios compare against a baseline measured in the same run, alternating runs and taking medians, because
absolute times on a shared machine are noise. Start-up runs whole processes with bytecode caching on (in a
temporary PYTHONPYCACHEPREFIX, one warm-up run each), as an installed app would have it. With several
sections, each runs in a fresh interpreter, so one section's heap does not slow the next.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

EXPECTED_LABS = (
    "gradient-clipping",
    "vanishing-gradients",
    "dropout",
    "activation-functions",
    "loss-functions",
    "optimizers",
    "overfitting",
)
FAILED = ("FAIL", "MISSING", "ERROR")


@dataclass
class Row:
    """One line of the table. `limit` is a ratio budget when `baseline` is set, else a budget in `unit`."""

    name: str
    measured: float | str | None
    unit: str = "ms"
    baseline: float | None = None
    limit: float | None = None
    status: str = ""
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if isinstance(self.measured, float | int) and self.baseline:
            return self.measured / self.baseline
        return None

    def judge(self) -> Row:
        if not self.status:
            value = self.ratio if self.baseline is not None else self.measured
            if self.limit is None or not isinstance(value, float | int):
                self.status = "INFO"
            else:
                self.status = "PASS" if value <= self.limit else "FAIL"
        return self


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(fn: Callable[[], object]) -> float:
    """Seconds for one call, from a collected heap (the result is dropped before returning)."""
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def alternate(runs: int, **candidates: Callable[[], object]) -> dict[str, float]:
    """Median ms of each candidate, called in turn `runs` times each."""
    samples: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(runs):
        for name, fn in candidates.items():
            samples[name].append(timed(fn))
    return {name: median_ms(values) for name, values in samples.items()}


def repeat_ms(
    fn: Callable[[], object], *, min_runs: int = 7, max_runs: int = 41, seconds: float = 0.5
) -> float:
    """Median ms over at least `min_runs` calls (more while under `seconds`), after one warm-up call."""
    fn()
    samples: list[float] = []
    started = time.perf_counter()
    while len(samples) < min_runs or (len(samples) < max_runs and time.perf_counter() - started < seconds):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return median_ms(samples)


# ---------------------------------------------------------------- start-up and memory


def bench_startup(work: Path, runs: int) -> list[Row]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "STUDYAPP_DATA_DIR")}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")

    cpu: dict[str, list[float]] = {"hello": [], "home-like": [], "studyapp": []}

    def probe(*args: str) -> tuple[float, dict]:
        """Run the probe once: wall seconds and its JSON; its CPU seconds are added to `cpu`."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, str(BENCH / "startup_probe.py"), *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[args[0]].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        if done.returncode != 0:
            raise RuntimeError(f"startup_probe {args[0]} failed: {done.stderr.strip()[-500:]}")
        return elapsed, json.loads(done.stdout.strip().splitlines()[-1])

    template = work / "data-template"
    probe("hello")
    probe("home-like")
    _, first = probe("studyapp", str(template))  # creates the database and fills the pack cache
    hello_times, hello_kib, app_times, app_kib, cold_times, like_times = [], [], [], [], [], []
    cpu["hello"].clear()
    cpu["home-like"].clear()
    heavy = set(first["heavy_modules"])
    for index in range(runs):
        elapsed, out = probe("hello")
        hello_times.append(elapsed)
        hello_kib.append(out["peak_kib"])
        like_times.append(probe("home-like")[0])
        copy = work / f"data-{index}"
        shutil.copytree(template, copy)
        elapsed, out = probe("studyapp", str(copy))
        app_times.append(elapsed)
        app_kib.append(out["peak_kib"])
        heavy.update(out["heavy_modules"])
    app_cpu = statistics.median(cpu["studyapp"][1:])  # the first was the template run
    for index in range(3):
        elapsed, _ = probe("studyapp", str(work / f"empty-{index}"))
        cold_times.append(elapsed)
    hello_ms = median_ms(hello_times)
    problems = []
    if first.get("screen") != "HomeScreen":
        problems.append(f"first screen was {first.get('screen')}")
    if not first.get("packs"):
        problems.append("no packs loaded")
    return [
        Row(
            f"start-up to home screen (median of {runs}, vs hello app)",
            median_ms(app_times),
            baseline=hello_ms,
            limit=1.25,
            status="FAIL" if problems else "",
            note="; ".join(problems) or f"{first.get('packs')} pack(s), data dir copied per run",
        ),
        Row(
            "  same, CPU time (user + sys) instead of wall time",
            app_cpu * 1000,
            baseline=statistics.median(cpu["hello"]) * 1000,
            note="information only: less sensitive to other load on the machine",
        ),
        Row(
            "  plain Textual app with the home screen's widgets",
            median_ms(like_times),
            baseline=hello_ms,
            note="information only: bench/home_like_app.py, no studyapp code; the floor for this screen",
        ),
        Row(
            "  same, CPU time",
            statistics.median(cpu["home-like"]) * 1000,
            baseline=statistics.median(cpu["hello"]) * 1000,
            note="information only",
        ),
        Row(
            "start-up, empty data dir (new database, cold cache)",
            median_ms(cold_times),
            baseline=hello_ms,
            note="information only",
        ),
        Row(
            "heavy modules imported at home screen",
            ", ".join(sorted(heavy)) or "none",
            unit="",
            status="FAIL" if heavy else "PASS",
            note="checked: numpy, fsrs, plotext, studyapp.engine, ...",
        ),
        Row(
            "peak memory at home screen (vs hello app)",
            statistics.median(app_kib) / 1024,
            unit="MiB",
            baseline=statistics.median(hello_kib) / 1024,
            limit=1.5,
        ),
    ]


# ---------------------------------------------------------------- pack loading


def bench_packs(work: Path, runs: int) -> list[Row]:
    import yaml
    from gen_pack import pack_text

    from studyapp.content.loader import load_pack
    from studyapp.content.pack_cache import load_pack_cached, slot_path

    path = work / "bench-10k.yaml"
    path.write_text(pack_text(10_000), encoding="utf-8")
    cache = work / "pack-cache"

    def raw_yaml():
        return yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

    def raw_yaml_gc_paused():
        gc.disable()
        try:
            return raw_yaml()
        finally:
            gc.enable()

    def first_load():
        slot_path(path, cache).unlink(missing_ok=True)
        return load_pack_cached(path, cache)

    def later_load():
        return load_pack_cached(path, cache)

    data_json = json.dumps(raw_yaml())
    pack = first_load()
    if load_pack(path) != pack or later_load() != pack:
        return [Row("10k-question pack", "cached pack differs from a fresh load", unit="", status="FAIL")]
    del pack
    first = alternate(runs, yaml=raw_yaml, first=first_load, yaml_gc=raw_yaml_gc_paused)
    later = alternate(2 * runs + 1, json=lambda: json.loads(data_json), later=later_load)
    size = path.stat().st_size / 2**20
    return [
        Row(
            f"10k-question pack ({size:.1f} MB), first load (vs raw yaml.load, CSafeLoader)",
            first["first"],
            baseline=first["yaml"],
            limit=1.1,
            note="parse + validate + build + cache write",
        ),
        Row(
            "  same first load vs raw yaml.load with GC paused",
            first["first"],
            baseline=first["yaml_gc"],
            note="information only: how much of the lead is the paused GC",
        ),
        Row(
            "10k-question pack, later load from cache (vs json.loads of its data)",
            later["later"],
            baseline=later["json"],
            limit=3.0,
            note="hash + verify + decode",
        ),
    ]


def bench_hostile(work: Path) -> list[Row]:
    """The slowest rejection among hostile pack files: each must fail with one line in under a second."""
    from studyapp.content.loader import PackError, load_pack

    laughs = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    laughs += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    cases = {
        "alias bomb": "\n".join(laughs) + "\n",
        "deep nesting": "x: " + "[" * 5000 + "]" * 5000 + "\n",
        "python tag": "id: !!python/object/apply:os.system ['true']\n",
        "11 MB file": "id: x\n" + "# padding\n" * 1_200_000,
        "not UTF-8": "id: caf\xe9\n",
    }
    worst, which = 0.0, ""
    for name, text in cases.items():
        path = work / f"hostile-{name.replace(' ', '-')}.yaml"
        path.write_bytes(text.encode("latin-1") if name == "not UTF-8" else text.encode())
        started = time.perf_counter()
        try:
            load_pack(path)
        except PackError as exc:
            if "\n" in str(exc):
                return [Row(f"hostile pack: {name}", "message spans lines", unit="", status="FAIL")]
        else:
            return [Row(f"hostile pack: {name}", "accepted", unit="", status="FAIL")]
        elapsed = (time.perf_counter() - started) * 1000
        if elapsed > worst:
            worst, which = elapsed, name
    return [Row(f"hostile packs rejected ({len(cases)} kinds), slowest", worst, limit=1000.0, note=which)]


# ---------------------------------------------------------------- labs


def bench_labs() -> list[Row]:
    from studyapp.errors import StudyAppError
    from studyapp.labs import get_lab, lab_names

    cases: list[tuple[str, str, dict, float]] = [
        (name, f"lab {name}, recompute at defaults", {}, 10.0)
        for name in dict.fromkeys([*EXPECTED_LABS, *lab_names()])
    ]
    big = {"depth": 50, "width": 256, "batch": 64}
    cases.append(("vanishing-gradients", "lab vanishing-gradients, depth 50 width 256 batch 64", big, 30.0))
    rows = []
    for name, title, settings, limit in cases:
        try:
            lab = get_lab(name)
        except (ImportError, AttributeError, StudyAppError) as exc:
            rows.append(Row(title, "missing", unit="", limit=limit, status="MISSING", note=str(exc)[:80]))
            continue
        try:
            measured = repeat_ms(lambda lab=lab, settings=settings: lab.run(settings))
        except Exception as exc:
            rows.append(Row(title, "error", unit="", limit=limit, status="ERROR", note=repr(exc)[:80]))
            continue
        rows.append(Row(title, measured, limit=limit))
    return rows


# ---------------------------------------------------------------- engine vs PyTorch


def bench_engine() -> list[Row]:
    """The same training step at PyTorch's default float32 and at the engine's default float64."""
    return [engine_step_row("float32"), engine_step_row("float64")]


def engine_step_row(dtype: str) -> Row:
    import numpy as np

    from studyapp.engine import functional as F
    from studyapp.engine import nn, optim, tensor

    rng = np.random.default_rng(0)
    sizes = [(128, 128), (128, 128), (128, 10)]
    model = nn.Sequential(
        nn.Linear(*sizes[0], generator=rng, dtype=dtype),
        nn.ReLU(),
        nn.Linear(*sizes[1], generator=rng, dtype=dtype),
        nn.ReLU(),
        nn.Linear(*sizes[2], generator=rng, dtype=dtype),
    )
    weights = [p.data.copy() for p in model.parameters()]
    x = rng.standard_normal((64, 128)).astype(dtype)
    y = rng.integers(0, 10, 64)
    adam = optim.Adam(model.parameters(), lr=1e-3)
    losses = []

    def engine_step():
        adam.zero_grad()
        loss = F.cross_entropy(model(tensor(x)), y)
        loss.backward()
        adam.step()
        losses.append(float(loss.data))

    engine_ms = repeat_ms(engine_step, min_runs=31, max_runs=301, seconds=1.0)
    title = f"engine training step (3-layer MLP, width 128, batch 64, Adam), {dtype}"
    try:
        import torch
    except ImportError:
        return Row(title, engine_ms, note="PyTorch not importable: no baseline (row skipped)", status="SKIP")

    layers = [torch.nn.Linear(i, o, dtype=getattr(torch, dtype)) for i, o in sizes]
    reference = torch.nn.Sequential(layers[0], torch.nn.ReLU(), layers[1], torch.nn.ReLU(), layers[2])
    with torch.no_grad():
        for param, value in zip(reference.parameters(), weights, strict=True):
            param.copy_(torch.from_numpy(value))
    tx, ty = torch.from_numpy(x), torch.from_numpy(y)
    torch_adam = torch.optim.Adam(reference.parameters(), lr=1e-3)
    torch_losses = []

    def torch_step():
        torch_adam.zero_grad()
        loss = torch.nn.functional.cross_entropy(reference(tx), ty)
        loss.backward()
        torch_adam.step()
        torch_losses.append(loss.item())

    torch_ms = repeat_ms(torch_step, min_runs=31, max_runs=301, seconds=1.0)
    first = min(len(losses), len(torch_losses))
    rtol = 1e-9 if dtype == "float64" else 1e-4  # float32: summation order differs between BLAS libraries
    same = np.allclose(losses[:first], torch_losses[:first], rtol=rtol, atol=100 * rtol)
    agree = "losses agree step by step" if same else "LOSSES DIFFER from PyTorch"
    return Row(
        title + " (vs PyTorch CPU)",
        engine_ms,
        baseline=torch_ms,
        limit=1.0,
        status="" if same else "FAIL",
        note=f"torch {torch.__version__}, {torch.get_num_threads()} threads; {agree}",
    )


# ---------------------------------------------------------------- due queue and home counts


def bench_store(work: Path) -> list[Row]:
    import random
    from datetime import UTC, datetime

    from studyapp.content.model import Flashcard, Pack, Topic
    from studyapp.scheduling.fsrs_scheduler import Scheduler
    from studyapp.store.database import open_database
    from studyapp.store.reviews import ReviewStore
    from studyapp.store.transactions import transaction
    from studyapp.study.overview import overview
    from studyapp.study.session import StudySession

    rng = random.Random(0)
    now = datetime.now(UTC)
    at = now.timestamp()
    topics = tuple(Topic(f"topic-{i}", f"Topic {i}") for i in range(7))
    questions = tuple(
        Flashcard(
            id=f"q-{i:06d}",
            topics=tuple(t.id for t in rng.sample(topics, rng.randint(1, 2))),
            front="f",
            back="b",
        )
        for i in range(100_000)
    )
    pack = Pack(id="bench", title="Bench", questions=questions, topics=topics)
    conn = open_database(work / "store" / "studyapp.sqlite3")
    cards = [("bench", q.id) for q in questions[:90_000]] + [("other", f"o-{i:05d}") for i in range(10_000)]
    with transaction(conn):
        conn.executemany(
            "INSERT INTO cards VALUES (?, ?, 2, NULL, 5.0, 5.0, ?, ?, 10, 0, NULL, NULL)",
            ((pack_id, qid, at + rng.uniform(-3, 20) * 86400, at - 86400) for pack_id, qid in cards),
        )
        conn.executemany(
            "INSERT INTO reviews (pack_id, question_id, rating, reviewed_at, duration_ms, state_before,"
            " stability_after, due_after, previous) VALUES (?, ?, ?, ?, 4000, ?, 5.0, ?, ?)",
            (
                (
                    pack_id,
                    qid,
                    rng.randint(1, 4),
                    at - (10 - n) * 86400 * 3,
                    0 if n == 0 else 2,
                    at,
                    None if n == 0 else '{"state": 2, "due": 0.0, "stability": 5.0, "difficulty": 5.0}',
                )
                for pack_id, qid in cards
                for n in range(10)
            ),
        )
    conn.execute("ANALYZE")
    store = ReviewStore(conn)
    scheduler = Scheduler()
    start_of_day = now.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()

    def study_queue():
        new_today = store.new_cards_since(start_of_day)
        return StudySession(pack, store, scheduler, new_limit=max(0, 20 - new_today), now=lambda: now)

    started = time.perf_counter()
    overview([pack], store, at)  # the first home screen after the cards' pack changed writes their places
    placing = (time.perf_counter() - started) * 1000
    counts = repeat_ms(lambda: overview([pack], store, at))
    queue = repeat_ms(study_queue)
    topic_queue = repeat_ms(
        lambda: StudySession(pack, store, scheduler, topics=["topic-3"], new_limit=20, now=lambda: now)
    )
    conn.close()
    note = "100k cards, 1M reviews, 100k-question pack, 7 topics"
    return [
        Row("home screen counts: overview()", counts, limit=50.0, note=note),
        Row("study queue: new_cards_since + StudySession()", queue, limit=50.0, note=note),
        Row("  study queue of one topic", topic_queue, note="information only"),
        Row(
            "  first home screen after a pack change",
            placing,
            note="information only: writes the places of 90k cards, once per pack version",
        ),
    ]


# ---------------------------------------------------------------- report


def machine() -> dict[str, str]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": str(os.cpu_count()),
    }


def _fmt(value: float | str | None, unit: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    return f"{value:,.1f} {unit}".strip() if value >= 10 else f"{value:.2f} {unit}".strip()


def table(rows: list[Row]) -> str:
    head = ("benchmark", "measured", "baseline", "ratio / budget", "result")
    lines = []
    for row in rows:
        if row.limit is None:
            budget = "-"
        elif row.baseline is not None:
            budget = (
                f"{row.ratio:.2f}x / <= {row.limit:g}x" if row.ratio is not None else f"<= {row.limit:g}x"
            )
        else:
            budget = f"<= {row.limit:g} {row.unit}"
        if row.limit is None and row.ratio is not None:
            budget = f"{row.ratio:.2f}x"
        lines.append(
            (row.name, _fmt(row.measured, row.unit), _fmt(row.baseline, row.unit), budget, row.status)
        )
    widths = [max(len(line[i]) for line in [head, *lines]) for i in range(len(head))]
    out = [
        " | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        for line in [head, *lines]
    ]
    out.insert(1, "-+-".join("-" * width for width in widths))
    notes = [f"  {row.name.strip()}: {row.note}" for row in rows if row.note]
    return "\n".join([*out, "", "notes:", *notes])


SECTIONS = ("startup", "packs", "labs", "engine", "store")


def run_section(section: str, runs: int) -> list[Row]:
    """The rows of one section, measured in this process (a failure is an ERROR row)."""
    with tempfile.TemporaryDirectory(prefix="studyapp-bench-") as tmp:
        work = Path(tmp)
        try:
            if section == "startup":
                return bench_startup(work, runs)
            if section == "packs":
                return bench_packs(work, 5) + bench_hostile(work)
            if section == "labs":
                return bench_labs()
            if section == "engine":
                return bench_engine()
            return bench_store(work)
        except Exception as exc:
            return [Row(f"{section} section", "error", unit="", status="ERROR", note=repr(exc)[:200])]


def section_in_child(section: str, runs: int) -> list[Row]:
    """The rows of one section, measured by `run.py --only SECTION --json` in a child process."""
    command = [sys.executable, str(Path(__file__)), "--only", section, "--json", "--runs", str(runs)]
    child = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        found = json.loads(child.stdout)["rows"]
    except (ValueError, KeyError):
        note = (child.stderr.strip().splitlines() or ["no output"])[-1][:200]
        return [Row(f"{section} section", "error", unit="", status="ERROR", note=note)]
    return [Row(**{k: v for k, v in row.items() if k != "ratio"}) for row in found]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the rows as JSON instead of a table")
    parser.add_argument(
        "--only", nargs="+", choices=SECTIONS, default=SECTIONS, help="run only these sections"
    )
    parser.add_argument("--runs", type=int, default=7, help="alternating start-up runs per app (default 7)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    sections = [section for section in SECTIONS if section in args.only]
    if len(sections) == 1:
        rows = run_section(sections[0], args.runs)
    else:  # each in a fresh interpreter, so one section's heap and caches do not skew the next
        rows = [row for section in sections for row in section_in_child(section, args.runs)]
    rows = [row.judge() for row in rows]
    failed = [row for row in rows if row.status in FAILED]
    info = {**machine(), "seconds": f"{time.perf_counter() - started:.0f}"}
    if args.json:
        print(json.dumps({"machine": info, "rows": [asdict(r) | {"ratio": r.ratio} for r in rows]}, indent=2))
    else:
        print(table(rows))
        print(
            f"\n{len(rows) - len(failed)} ok, {len(failed)} missed; "
            + ", ".join(f"{k} {v}" for k, v in info.items())
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
