"""Span of control of a seeded database: how many pegawai each unit head rates directly,
per kind of unit they head (median, p90, p99, max), and the share of heads rating nobody.

Usage: python benchmarks/span_of_control.py [--database postgres://.../ekinerja_bench]
Reads the database the seed benchmark leaves behind; prints a Markdown table.
"""

import argparse
import asyncio
import statistics
from collections import defaultdict

import asyncpg

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/ekinerja_bench"

SPANS = """
SELECT u.jenis, split_part(u.nama, ' ', 1) AS first_word, count(p.id) AS span
  FROM unit_organisasi u
  LEFT JOIN pegawai p ON p.pejabat_penilai_id = u.pemimpin_id
 WHERE u.pemimpin_id IS NOT NULL
 GROUP BY u.id, u.jenis, u.nama
"""
MENTERI = """
SELECT count(*) AS span FROM pegawai p JOIN pejabat_negara n ON n.id = p.pejabat_penilai_negara_id
 WHERE n.selesai IS NULL
"""


def kind_of(jenis: str, first_word: str) -> str:
    """Madrasah by level (MIN, MTsN, MAN), the rest by the unit's jenis."""
    return first_word if jenis == "MADRASAH" else jenis


def percentile(sorted_values: list[int], share: float) -> int:
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * share))]


async def main(database: str) -> None:
    connection = await asyncpg.connect(database)
    try:
        rows = await connection.fetch(SPANS)
        menteri = await connection.fetchval(MENTERI)
    finally:
        await connection.close()
    by_kind: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        by_kind[kind_of(row["jenis"], row["first_word"])].append(row["span"])
    print("| kind of head | heads | median | p90 | p99 | max | rate nobody |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(f"| Menteri (pejabat negara) | 1 | {menteri} | {menteri} | {menteri} | {menteri} | 0 |")
    for kind, spans in sorted(by_kind.items(), key=lambda item: -statistics.median(item[1])):
        spans.sort()
        idle = sum(1 for span in spans if span == 0)
        print(f"| {kind} | {len(spans):,} | {statistics.median(spans):g} | "
              f"{percentile(spans, 0.90)} | {percentile(spans, 0.99)} | {spans[-1]} | {idle} |")
    every = sorted(span for spans in by_kind.values() for span in spans)
    print(f"| **all heads** | {len(every):,} | {statistics.median(every):g} | "
          f"{percentile(every, 0.90)} | {percentile(every, 0.99)} | {every[-1]} | "
          f"{sum(1 for span in every if span == 0)} |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    asyncio.run(main(parser.parse_args().database))
