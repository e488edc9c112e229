"""Tunjangan kinerja use cases: rule sets, attendance, dated facts, runs, reports."""
