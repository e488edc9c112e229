"""Database housekeeping actors."""

import logging
import time

import dramatiq

from ekinerja_graphql.services.maintenance import refresh_planner_statistics
from workers.broker import broker
from workers.database import uses_database

# ANALYZE samples each table: seconds even at 350,000 pegawai; the limit is a safety net.
ANALYZE_TIME_LIMIT_MS = 10 * 60 * 1000

logger = logging.getLogger(__name__)


@dramatiq.actor(
    broker=broker, queue_name="maintenance", max_retries=3, time_limit=ANALYZE_TIME_LIMIT_MS
)
@uses_database
async def analyze_database() -> None:
    """Refreshes the planner's statistics, e.g. after a bulk load or a SIASN full pull."""
    started = time.perf_counter()
    await refresh_planner_statistics()
    logger.info("planner statistics refreshed in %.2fs", time.perf_counter() - started)
