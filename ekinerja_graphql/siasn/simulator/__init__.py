"""A simulator of SIASN's contract (spec/siasn-api.md), for the demo and the tests: the same
hosts' paths, auth flows, envelopes and formats, on a deterministic dataset generated like
`ekinerja seed`, with faults injected on demand. The client knows nothing of it."""
