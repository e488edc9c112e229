"""The working calendar in force: the configured file, or the shipped default."""

from functools import lru_cache
from pathlib import Path

from ekinerja_graphql import defaults
from ekinerja_graphql.config import Settings
from ekinerja_graphql.domain.tukin.jadwal import JadwalKerja, muat_jadwal


def jadwal_kerja(settings: Settings) -> JadwalKerja:
    return _load(settings.jadwal_kerja_file)


@lru_cache(maxsize=4)
def _load(path: Path | None) -> JadwalKerja:
    return muat_jadwal(path.read_text(encoding="utf-8") if path else defaults.jadwal_kerja())
