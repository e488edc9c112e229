"""Tunjangan kinerja in GraphQL: results, rekap, runs, rule sets, attendance, dated facts."""
