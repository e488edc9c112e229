"""Use cases with I/O: seeding, SKP workflow, evaluation, tukin runs, reconciliation."""
