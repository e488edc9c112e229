"""Shared set-up of the evaluation service tests: the small ministry of
tests/support/kementerian.py with SKPs for TAHUN written row by row (the SKP workflow has its
own tests), actors for its people, and a fingerprint of every write-side table that shows
a refusal wrote nothing.

    H  (Kakanwil, JPT)          SKP rated by the Menteri (NON ASN), no atasan
    P, P2 (Kakankemenag)        rated by H, atasan the Menteri
    S1 (Penyuluh Ahli Pertama), S2, S3 (pelaksana)   rated by P, atasan H
"""

from dataclasses import dataclass
from datetime import date
from itertools import count

from ekinerja_graphql.domain.periode import Periode
from ekinerja_graphql.domain.skp import StatusSkp
from ekinerja_graphql.models import (
    AuditLog,
    Evaluasi,
    EvaluasiRiwayat,
    Jabatan,
    Keberatan,
    Pegawai,
    PejabatNegara,
    PredikatOrganisasi,
    SiasnOutbox,
    Skp,
)
from ekinerja_graphql.services.access.peran import Actor
from ekinerja_graphql.services.access.viewer import load_viewer
from ekinerja_graphql.services.evaluasi.penilaian import Penilaian
from tests.support.kementerian import Kementerian, build_kementerian

TAHUN = 2026
# The day the viewers are loaded on (the admin grants of build_kementerian start 1 Jan 2026).
VIEWER_DAY = date(TAHUN, 12, 1)
# A day after the year: every period of TAHUN has ended.
SETELAH_TAHUN = date(TAHUN + 1, 1, 15)

ATAS, SESUAI, BAWAH = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"

_JPT_ESELON = {"10", "11", "12", "21", "22"}
_seq = count(1)


@dataclass
class Dunia:
    k: Kementerian
    skp: dict[str, Skp]  # by the names of Kementerian.everyone: H, P, P2, S1, S2, S3

    def __getattr__(self, name: str):
        return getattr(self.k, name)


async def actor(pegawai: Pegawai, today: date = SETELAH_TAHUN, request_id: str = "req-uji"
                ) -> Actor:  # fmt: skip
    viewer = await load_viewer(pegawai.nip, frozenset(), VIEWER_DAY)
    return Actor(viewer, today, request_id)


async def buat_skp(pegawai: Pegawai, *, penilai: Pegawai | None = None,
                   negara: PejabatNegara | None = None, atasan: Pegawai | None = None,
                   atasan_negara: PejabatNegara | None = None,
                   status: StatusSkp = StatusSkp.DISETUJUI, awal: date = date(TAHUN, 1, 1),
                   akhir: date = date(TAHUN, 12, 31), ditutup: date | None = None,
                   tahun: int = TAHUN, jabatan_id: int | None = None,
                   unit_id: int | None = None) -> Skp:  # fmt: skip
    jabatan = await Jabatan.get(id=jabatan_id or pegawai.jabatan_id)
    if jabatan.jenis == "FUNGSIONAL_TERTENTU":
        jenis = "JF"
    else:
        jenis = "JPT" if jabatan.eselon in _JPT_ESELON else "JA"
    return await Skp.create(
        pegawai_id=pegawai.id, unit_id=unit_id or pegawai.unit_id, jabatan_id=jabatan.id,
        tahun=tahun, periode_awal=awal, periode_akhir=akhir, pendekatan="KUANTITATIF",
        jenis_jabatan=jenis, status=status, ditutup_pada=ditutup,
        pejabat_penilai_id=penilai.id if penilai else None,
        pejabat_penilai_negara_id=negara.id if negara else None,
        status_penilai="NON_ASN" if negara else "ASN",
        atasan_pejabat_penilai_id=atasan.id if atasan else None,
        atasan_pejabat_penilai_negara_id=atasan_negara.id if atasan_negara else None,
    )


async def build_dunia() -> Dunia:
    k = await build_kementerian()
    skp = {
        "H": await buat_skp(k.h, negara=k.menteri),
        "P": await buat_skp(k.p, penilai=k.h, atasan_negara=k.menteri),
        "P2": await buat_skp(k.p2, penilai=k.h, atasan_negara=k.menteri),
    }
    for name in ("S1", "S2", "S3"):
        skp[name] = await buat_skp(k.everyone[name], penilai=k.p, atasan=k.h)
    return Dunia(k, skp)


async def pegawai_baru(unit_id: int, jabatan_id: int, penilai: Pegawai | None, *,
                       pppk: str | None = None, golongan: str = "32") -> Pegawai:
    """Another pegawai: a PNS of `golongan`, or a PPPK of golongan `pppk`."""
    seq = next(_seq)
    nip = f"199312282025211{seq % 1000:03d}" if pppk else f"199001012015011{seq % 1000:03d}"
    return await Pegawai.create(
        nip=nip, nama=f"Pegawai {seq}", jenis_kelamin="LAKI_LAKI", tanggal_lahir=date(1990, 1, 1),
        jenis="PPPK" if pppk else "PNS", golongan=None if pppk else golongan,
        golongan_pppk=pppk, status="AKTIF", unit_id=unit_id, jabatan_id=jabatan_id,
        pejabat_penilai_id=penilai.id if penilai else None, tmt_cpns=date(2015, 1, 1),
    )


def item(skp: Skp, jenis: str = "TRIWULANAN", nomor: int = 1, hasil: str = SESUAI,
         perilaku: str = SESUAI, version: int | None = None, catatan: str | None = None
         ) -> Penilaian:  # fmt: skip
    return Penilaian(skp.id, jenis, nomor, hasil, perilaku, catatan, version)


WRITE_SIDE = (Evaluasi, EvaluasiRiwayat, Keberatan, SiasnOutbox, PredikatOrganisasi, AuditLog,
              Skp)  # fmt: skip


async def jejak() -> dict[str, list[dict]]:
    """Every row of the tables the evaluation services write."""
    return {model.__name__: await model.all().order_by("id").values() for model in WRITE_SIDE}


async def reload(row):
    return await type(row).get(id=row.id)


async def sebaran(dunia: Dunia, jumlah: dict[str, int], *, unit=None, jenis: str = "BULANAN",
                  nomor: int = 1) -> list[Evaluasi]:
    """Rated (DINILAI) evaluations of new pegawai of `unit` (default U, rated by P) for one
    period, `jumlah[predikat]` of each predikat, written as rows."""
    unit = unit or dunia.unit
    periode = Periode(TAHUN, jenis, nomor)
    rows = []
    for predikat, n in jumlah.items():
        for _ in range(n):
            pegawai = await pegawai_baru(unit.id, dunia.jabatan_pelaksana.id, dunia.p)
            skp = await buat_skp(pegawai, penilai=dunia.p, atasan=dunia.h)
            rows.append(await Evaluasi.create(
                skp_id=skp.id, pegawai_id=pegawai.id, tahun=TAHUN, jenis_periode=jenis,
                nomor_periode=nomor, periode_awal=periode.awal, periode_akhir=periode.akhir,
                predikat=predikat, status="DINILAI", unit_id=unit.id, unit_nama=unit.nama,
                pejabat_penilai_id=dunia.p.id,
            ))
    return rows
