"""Reconciling our data with SIASN (spec/siasn-api.md "How the sync must behave"): SIASN
is the source of truth for identity, position, rank and unit; we own SKP, evaluations and
tukin. Every run is a SyncRun with what it found different, set aside or could not take."""
