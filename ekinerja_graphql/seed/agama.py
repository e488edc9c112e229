"""Religion of a generated pegawai: it picks their name pool, gelar and penyuluh family.
Not stored (the model has no agama yet). Shares are assumptions of this seed, not data."""

from enum import StrEnum
from functools import cache

from ekinerja_graphql.seed.randomness import Weighted


class Agama(StrEnum):
    ISLAM = "ISLAM"
    KRISTEN = "KRISTEN"
    KATOLIK = "KATOLIK"
    HINDU = "HINDU"
    BUDDHA = "BUDDHA"


NON_ISLAM = (Agama.KRISTEN, Agama.KATOLIK, Agama.HINDU, Agama.BUDDHA)

# Non-Muslim shares (%) among the Kanwil and Kankemenag staff of a province, where they are
# more than a few percent (Bimas Kristen/Katolik/Hindu/Buddha staff live there).
NON_ISLAM_PROVINSI: dict[str, dict[Agama, float]] = {
    "Bali": {Agama.HINDU: 45, Agama.KRISTEN: 3, Agama.BUDDHA: 1},
    "Nusa Tenggara Timur": {Agama.KATOLIK: 35, Agama.KRISTEN: 30},
    "Papua": {Agama.KRISTEN: 40, Agama.KATOLIK: 10},
    "Papua Barat": {Agama.KRISTEN: 35, Agama.KATOLIK: 5},
    "Sulawesi Utara": {Agama.KRISTEN: 45, Agama.KATOLIK: 5, Agama.HINDU: 1},
    "Maluku": {Agama.KRISTEN: 35, Agama.KATOLIK: 5},
    "Sumatera Utara": {Agama.KRISTEN: 20, Agama.KATOLIK: 5, Agama.BUDDHA: 1},
    "Kalimantan Barat": {Agama.KATOLIK: 15, Agama.KRISTEN: 10, Agama.BUDDHA: 2},
    "Kalimantan Tengah": {Agama.KRISTEN: 15, Agama.HINDU: 5},
    "Kalimantan Utara": {Agama.KRISTEN: 10},
    "Sulawesi Tengah": {Agama.KRISTEN: 12, Agama.HINDU: 2},
    "Sulawesi Barat": {Agama.KRISTEN: 8},
    "Sulawesi Selatan": {Agama.KRISTEN: 5},
    "Kepulauan Riau": {Agama.KRISTEN: 5, Agama.BUDDHA: 3},
    "DKI Jakarta": {Agama.KRISTEN: 5, Agama.KATOLIK: 2, Agama.BUDDHA: 1},
}
NON_ISLAM_LAIN = {Agama.KRISTEN: 2, Agama.KATOLIK: 0.5}

# Units fostered by a Ditjen Bimas of another religion are mostly staffed by it, as are a
# Kanwil's Pembimas and a Kankemenag's Penyelenggara of that religion.
PEMBINA_AGAMA = {
    "KRISTEN": Agama.KRISTEN,
    "KATOLIK": Agama.KATOLIK,
    "HINDU": Agama.HINDU,
    "BUDDHA": Agama.BUDDHA,
}
SHARE_OWN_AGAMA = 85


@cache
def agama_picker(agama: Agama | None, provinsi: str | None) -> Weighted[Agama]:
    """Who works in a unit: a unit of a religion (madrasah and KUA are Islam) is staffed by
    it, mostly; elsewhere the province's mix."""
    if agama is Agama.ISLAM:
        return Weighted([(Agama.ISLAM, 1)])
    if agama is not None:
        return Weighted([(agama, SHARE_OWN_AGAMA), (Agama.ISLAM, 100 - SHARE_OWN_AGAMA)])
    shares = NON_ISLAM_PROVINSI.get(provinsi or "", NON_ISLAM_LAIN)
    return Weighted([(Agama.ISLAM, 100 - sum(shares.values())), *shares.items()])
