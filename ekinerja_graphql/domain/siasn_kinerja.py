"""An evaluation as SIASN receives it (spec/siasn-api.md §6): the skp22/save body for the
year, the kinerjaperiodik/save body for a period, and the key that finds the same record
in the pegawai's rw- list (BKN refuses a second record of a period)."""

from dataclasses import dataclass
from datetime import date

from ekinerja_graphql.domain.jabatan import Jenjang
from ekinerja_graphql.domain.kepegawaian import SIASN_STATUS_PENILAI, StatusPenilai
from ekinerja_graphql.domain.periode import JenisPeriode
from ekinerja_graphql.domain.predikat import (
    SIASN_KUADRAN_CODE,
    SIASN_RATING_CODE,
    Predikat,
    Rating,
)

SIASN_PERIODIK_ID = {JenisPeriode.BULANAN: "1", JenisPeriode.TRIWULANAN: "2"}
# koefisienId of kinerja periodik (ref/siasn_koefisien.csv).
SIASN_KOEFISIEN_ID = {
    Jenjang.AHLI_PERTAMA: "12", Jenjang.AHLI_MUDA: "22", Jenjang.AHLI_MADYA: "32",
    Jenjang.AHLI_UTAMA: "42", Jenjang.PEMULA: "52", Jenjang.TERAMPIL: "62",
    Jenjang.MAHIR: "72", Jenjang.PENYELIA: "82",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class KinerjaDinilai:
    """What the push needs of a fixed evaluation (its snapshot) and of the pegawai."""

    pns_id: str  # SIASN's orang id of the pegawai
    tahun: int
    jenis_periode: JenisPeriode
    periode_awal: date
    periode_akhir: date
    hasil: Rating
    perilaku: Rating
    predikat: Predikat
    status_penilai: StatusPenilai
    penilai_nip: str | None
    penilai_nama: str | None
    penilai_golongan: str | None  # SIASN golongan id
    penilai_jabatan: str | None
    penilai_unor_nama: str | None
    jenjang: Jenjang | None


def _nilai(kinerja: KinerjaDinilai) -> dict[str, int | str]:
    return {"hasilKinerjaNilai": SIASN_RATING_CODE[kinerja.hasil],
            "perilakuKerjaNilai": SIASN_RATING_CODE[kinerja.perilaku],
            "kuadranKinerjaNilai": SIASN_KUADRAN_CODE[kinerja.predikat],
            "statusPenilai": SIASN_STATUS_PENILAI[kinerja.status_penilai],
            "penilaiNipNrp": kinerja.penilai_nip, "penilaiNama": kinerja.penilai_nama,
            "penilaiGolongan": kinerja.penilai_golongan,
            "penilaiUnorNama": kinerja.penilai_unor_nama, "path": []}  # fmt: skip


def body_skp22(kinerja: KinerjaDinilai, rw_id: str | None) -> dict:
    return {"id": rw_id, "tahun": kinerja.tahun, "pnsDinilaiOrang": kinerja.pns_id,
            **_nilai(kinerja), "penilaiJabatan": kinerja.penilai_jabatan}  # fmt: skip


def body_kinerja_periodik(kinerja: KinerjaDinilai, rw_id: str | None) -> dict:
    return {"id": rw_id, "pnsDinilaiId": kinerja.pns_id, "tahun": kinerja.tahun,
            "periodikId": SIASN_PERIODIK_ID[kinerja.jenis_periode],
            "bulanMulaiPenilaian": kinerja.periode_awal.month,
            "bulanSelesaiPenilaian": kinerja.periode_akhir.month,
            "tahunMulaiPenilaian": kinerja.periode_awal.year,
            "tahunSelesaiPenilaian": kinerja.periode_akhir.year,
            "koefisienId": SIASN_KOEFISIEN_ID.get(kinerja.jenjang) if kinerja.jenjang else None,
            **_nilai(kinerja), "penilaiJabatanNama": kinerja.penilai_jabatan}  # fmt: skip


def same_skp22(kinerja: KinerjaDinilai, tahun: int, pns_id: str | None) -> bool:
    return tahun == kinerja.tahun and pns_id in (None, kinerja.pns_id)


def same_periode(kinerja: KinerjaDinilai, tahun: int, periodik_id: str | None,
                 bulan_mulai: int | None, bulan_selesai: int | None) -> bool:  # fmt: skip
    return (tahun, periodik_id, bulan_mulai, bulan_selesai) == (
        kinerja.tahun, SIASN_PERIODIK_ID[kinerja.jenis_periode], kinerja.periode_awal.month,
        kinerja.periode_akhir.month)
