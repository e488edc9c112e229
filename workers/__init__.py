"""dramatiq actors; `dramatiq workers` imports this package to find the broker and actors.

Actors are thin: they open nothing themselves and call services/ (see DESIGN.md).
"""

from workers import maintenance, siasn, tukin
from workers.broker import broker

__all__ = ["broker", "maintenance", "siasn", "tukin"]
