"""Tunjangan kinerja (spec/domain.md §5): the rule set, the working calendar, attendance
and the monthly formula, all pure."""
