"""Printing benchmark figures."""

from __future__ import annotations


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def print_table(title: str, rows: list[list[str]]) -> None:
    print(f"\n{title}", flush=True)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print(
            "  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)),
            flush=True,
        )
