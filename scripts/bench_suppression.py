"""Time complementary suppression on a table of the size a breakdown reaches.

Usage:
    .venv/bin/python scripts/bench_suppression.py --rows 30 --columns 6 --small 0.3

A table of ``rows`` × ``columns`` counts (the last column the row total, plus
a total row); a share ``small`` of the cells is below the minimum cell size,
some are zero. Prints the median and worst time of ``protect`` (wall clock, and the
process's CPU time, which a busy machine disturbs less) and how many cells it
hid. No database.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=30)
    parser.add_argument("--columns", type=int, default=6, help="count columns, row total included")
    parser.add_argument("--small", type=float, default=0.3, help="share of small cells")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()

    import django

    django.setup()
    from amparo.reporting.tables import Column, count_table, protect_tables

    rng = random.Random(args.seed)
    timings, cpu_timings, hidden = [], [], []
    for _ in range(args.runs):
        parts = [f"c{j}" for j in range(args.columns - 1)]
        rows = []
        for i in range(args.rows):
            raw: dict[str, int | float | str | None] = {}
            for c in parts:
                draw = rng.random()
                raw[c] = rng.randint(1, 10) if draw < args.small else rng.choice([0, 15, 40, 120])
            raw["all"] = sum(int(v or 0) for v in raw.values())
            rows.append((f"r{i}", f"Row {i}", raw))
        table = count_table(
            key="t",
            title="t",
            columns=[*(Column(c, c) for c in parts), Column("all", "All")],
            rows=rows,
            total=("total", "Total"),
            row_total="all",
        )
        start, cpu = time.perf_counter(), time.process_time()
        protected = protect_tables([table], suppress=True)[0]
        timings.append((time.perf_counter() - start) * 1000)
        cpu_timings.append((time.process_time() - cpu) * 1000)
        hidden.append(
            sum(
                1
                for r in protected.all_rows
                for v in r.values.values()
                if getattr(v, "suppressed", False)
            )
        )
    cells = (args.rows + 1) * args.columns
    print(
        f"{args.rows}×{args.columns} with totals ({cells} cells, {args.small:.0%} small): "
        f"median {statistics.median(timings):.1f} ms, worst {max(timings):.1f} ms "
        f"(CPU: median {statistics.median(cpu_timings):.1f} ms, worst {max(cpu_timings):.1f} ms), "
        f"hidden {statistics.median(hidden):.0f} cells (median)"
    )


if __name__ == "__main__":
    main()
