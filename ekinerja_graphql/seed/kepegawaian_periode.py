"""Dated facts tukin reads besides attendance, for a seeded ministry: hukuman disiplin, the
status period of each pegawai not in AKTIF, and the tunjangan profesi of certified guru and
dosen. Each pegawai draws from its own random stream, so chunks are generated apart.
"""

import random
from datetime import date
from typing import NamedTuple

from ekinerja_graphql.domain.golongan import GolonganPppk
from ekinerja_graphql.domain.kepegawaian import PPPK, JenisPegawai, StatusPegawai
from ekinerja_graphql.domain.tukin.aturan import TingkatHukuman
from ekinerja_graphql.domain.tukin.bulan import tambah_bulan
from ekinerja_graphql.seed.context import at_utc
from ekinerja_graphql.seed.randomness import Weighted

# Synthetic, plausible shares (not measured).
SHARE_HUKUMAN = 0.003  # of employed pegawai: one hukuman disiplin with its TMT in the last year
TINGKAT = Weighted([(TingkatHukuman.RINGAN, 60), (TingkatHukuman.SEDANG, 28),
                    (TingkatHukuman.BERAT, 12)])  # fmt: skip
BULAN_HUKUMAN = {  # months a hukuman runs, by tingkat
    TingkatHukuman.RINGAN: Weighted([(3, 80), (6, 20)]),
    TingkatHukuman.SEDANG: Weighted([(3, 10), (6, 75), (12, 15)]),
    TingkatHukuman.BERAT: Weighted([(6, 15), (12, 85)]),
}
# Status periods open since 1..n months before the seeded month (CLTN and tugas belajar
# run for years, MPP up to a year before the pension age).
MULAI_SEBELUM = {
    StatusPegawai.CLTN: 24,
    StatusPegawai.TUGAS_BELAJAR: 36,
    StatusPegawai.MPP: 11,
    StatusPegawai.UANG_TUNGGU: 12,
    StatusPegawai.DIBERHENTIKAN_SEMENTARA: 12,
}
# Certified (sertifikasi) guru and dosen among those in AKTIF: they receive tunjangan profesi.
SHARE_PROFESI = {JenisPegawai.PNS: 0.65, JenisPegawai.PPPK: 0.35,
                 JenisPegawai.PPPK_PARUH_WAKTU: 0.0, JenisPegawai.CPNS: 0.0}  # fmt: skip
# Rp per month by golongan. [CFG] synthetic: the real amount is one month's gaji pokok,
# which this system does not hold; these are round figures near the middle of each scale.
PROFESI_PNS = {"1": 2_200_000, "2": 2_900_000, "3": 3_700_000, "4": 4_500_000}  # I..IV
PROFESI_PPPK = (  # (highest golongan PPPK, Rp), lowest first
    (4, 2_200_000), (8, 2_900_000), (12, 3_700_000), (17, 4_500_000),
)
GOLONGAN_PPPK = tuple(GolonganPppk)  # I..XVII
JABATAN_PROFESI = ("Guru", "Dosen")

_SALT_HUKUMAN, _SALT_STATUS, _SALT_PROFESI = 1, 2, 3
HUKUMAN_COLUMNS = ("created_at", "updated_at", "pegawai_id", "tingkat", "nomor_sk", "tmt", "bulan")
PERIODE_COLUMNS = ("created_at", "updated_at", "pegawai_id", "status", "mulai", "selesai",
                   "nomor_sk")  # fmt: skip
NOT_EMPLOYED = frozenset({StatusPegawai.PENSIUN, StatusPegawai.MENINGGAL,
                          StatusPegawai.NONAKTIF})  # fmt: skip


class PegawaiRow(NamedTuple):
    """The columns of a pegawai the month's seed reads (in this order)."""

    id: int
    status: str
    jenis_kelamin: str
    jenis: str
    golongan: str | None
    golongan_pppk: str | None
    jabatan_nama: str | None


def stream(rng: random.Random, random_seed: int, salt: int, bulan: date, pegawai_id: int) -> None:
    """Re-seeds `rng` for one pegawai: the stream depends on nothing else, so any chunking
    of the pegawai gives the same rows."""
    rng.seed(((random_seed & 0xFFFF_FFFF) << 72) | (salt << 64)
             | ((bulan.year * 12 + bulan.month) << 32) | pegawai_id)  # fmt: skip


def hukuman_disiplin(rng: random.Random, random_seed: int, bulan: date,
                     pegawai: PegawaiRow) -> tuple | None:  # fmt: skip
    """A HUKUMAN_COLUMNS row for about SHARE_HUKUMAN of employed pegawai, its TMT in one of
    the 12 months up to and including `bulan`."""
    if pegawai.status in NOT_EMPLOYED:
        return None
    stream(rng, random_seed, _SALT_HUKUMAN, bulan, pegawai.id)
    if rng.random() >= SHARE_HUKUMAN:
        return None
    tingkat = TINGKAT.pick(rng)
    tmt = tambah_bulan(bulan, -rng.randrange(12)).replace(day=rng.randint(1, 28))
    stamp = at_utc(tmt)
    nomor = f"B-{rng.randint(100, 9999)}/KP.04.2/{tmt.month:02d}/{tmt.year}"
    return (stamp, stamp, pegawai.id, tingkat.value, nomor, tmt, BULAN_HUKUMAN[tingkat].pick(rng))


def periode_status(rng: random.Random, random_seed: int, bulan: date,
                   pegawai: PegawaiRow) -> tuple | None:  # fmt: skip
    """A PERIODE_COLUMNS row, still open, for a pegawai whose status is not AKTIF but who is
    still employed (CLTN, tugas belajar, MPP, uang tunggu, suspended)."""
    longest = MULAI_SEBELUM.get(StatusPegawai(pegawai.status))
    if longest is None:
        return None
    stream(rng, random_seed, _SALT_STATUS, bulan, pegawai.id)
    mulai = tambah_bulan(bulan, -rng.randint(1, longest)).replace(day=rng.randint(1, 28))
    stamp = at_utc(mulai)
    nomor = f"B-{rng.randint(100, 9999)}/KP.07.6/{mulai.month:02d}/{mulai.year}"
    return (stamp, stamp, pegawai.id, pegawai.status, mulai, None, nomor)


def tunjangan_profesi(rng: random.Random, random_seed: int,
                      pegawai: PegawaiRow) -> int | None:  # fmt: skip
    """Rp per month for a certified guru or dosen in AKTIF, None for everyone else."""
    if pegawai.status != StatusPegawai.AKTIF or not pegawai.jabatan_nama:
        return None
    if not any(word in pegawai.jabatan_nama for word in JABATAN_PROFESI):
        return None
    stream(rng, random_seed, _SALT_PROFESI, date(2000, 1, 1), pegawai.id)  # not by month
    if rng.random() >= SHARE_PROFESI[JenisPegawai(pegawai.jenis)]:
        return None
    if JenisPegawai(pegawai.jenis) in PPPK:
        rank = GOLONGAN_PPPK.index(GolonganPppk(pegawai.golongan_pppk or "I")) + 1
        return next(amount for highest, amount in PROFESI_PPPK if rank <= highest)
    return PROFESI_PNS[(pegawai.golongan or "3")[0]]

