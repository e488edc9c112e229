"""A predikat that became FINAL (or changed by a keberatan) changes the tukin of the months
its evaluation covers; an annual one, the month its SANGAT_BAIK bonus is paid in."""

from datetime import date

from ekinerja_graphql.domain.periode import JenisPeriode
from ekinerja_graphql.services.tukin.aturan import aturan_berlaku
from ekinerja_graphql.services.tukin.stale import tandai_stale_sejak


async def tandai_stale_evaluasi(evaluasi) -> int:
    """An evaluation became FINAL (or its predikat changed): the months it covers, or for
    an annual one the month of the following year its SANGAT_BAIK bonus is paid in."""
    if evaluasi.jenis_periode is JenisPeriode.TAHUNAN:
        following = date(evaluasi.tahun + 1, 1, 1)
        try:
            _, aturan = await aturan_berlaku(following)
        except LookupError:
            return 0
        bonus = following.replace(month=aturan.bonus_sangat_baik_bulan)
        return await tandai_stale_sejak(evaluasi.pegawai_id, bonus, bonus)
    return await tandai_stale_sejak(evaluasi.pegawai_id, evaluasi.periode_awal,
                                    evaluasi.periode_akhir)  # fmt: skip
