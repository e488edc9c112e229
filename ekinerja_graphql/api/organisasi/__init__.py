"""Organisation units and jabatan."""
