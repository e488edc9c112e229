"""Pure regulatory rules: no I/O, no ORM, no framework imports."""
