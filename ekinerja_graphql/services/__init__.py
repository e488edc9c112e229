"""Use cases with I/O: who sees what (access), admin assignments, demo accounts, maintenance."""
