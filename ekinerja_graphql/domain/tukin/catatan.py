"""What a computed month keeps: its inputs and its breakdown as plain JSON values, so a
pegawai or an auditor sees why the amount is what it is (spec/domain.md §5)."""

from decimal import Decimal

from ekinerja_graphql.domain.tukin.hitung import HasilTukin, MasukanTukin

SEN = Decimal("0.01")


def _number(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return str(value.quantize(SEN)) if value.as_tuple().exponent < -2 else str(value)


def masukan_json(masukan: MasukanTukin, aturan_versi: int) -> dict:
    absensi = masukan.absensi
    return {
        "aturanVersi": aturan_versi,
        "hariKerja": len(masukan.hari_kerja),
        "jenis": str(masukan.jenis),
        "segmen": [{"mulai": s.mulai.isoformat(), "selesai": s.selesai.isoformat(),
                    "kelas": s.kelas} for s in masukan.segmen],
        "status": [{"status": str(p.status), "mulai": p.mulai.isoformat(),
                    "selesai": p.selesai.isoformat() if p.selesai else None}
                   for p in masukan.status],
        "absensi": None if absensi is None else {
            "terlambat": list(absensi.terlambat),
            "pulangCepat": list(absensi.pulang_cepat),
            "hari": {str(k): v for k, v in sorted(absensi.hari.items())},
        },
        "predikat": str(masukan.predikat) if masukan.predikat else None,
        "hukuman": [str(t) for t in masukan.hukuman],
        "tunjanganProfesi": _number(masukan.tunjangan_profesi),
        "predikatTahunanLalu": (str(masukan.predikat_tahunan_lalu)
                                if masukan.predikat_tahunan_lalu else None),
    }  # fmt: skip


def rincian_json(hasil: HasilTukin) -> list[dict]:
    return [{"kode": str(line.kode), "uraian": line.uraian, "persen": _number(line.persen),
             "rupiah": _number(line.rupiah)} for line in hasil.baris]  # fmt: skip
