"""Pushing fixed evaluations to SIASN from the outbox (spec "How the sync must behave"):
skp22/save for the year, kinerjaperiodik/save for a period. Before the first push the
pegawai's rw- list is searched, so a lost answer never makes a second record; the id SIASN
returns is kept and a later push updates it. Transient failures are retried with backoff;
what a retry cannot fix is DEAD until an admin sends it again."""

from datetime import UTC, datetime, timedelta

from tortoise.expressions import F, Q

from ekinerja_graphql.domain.periode import JenisPeriode
from ekinerja_graphql.domain.siasn_kinerja import (
    KinerjaDinilai,
    body_kinerja_periodik,
    body_skp22,
    same_periode,
    same_skp22,
)
from ekinerja_graphql.models import Evaluasi, JenisKiriman, Pegawai, SiasnOutbox, StatusKiriman
from ekinerja_graphql.services.evaluasi.kiriman import kembali_ke_antrean
from ekinerja_graphql.siasn.client import SiasnClient
from ekinerja_graphql.siasn.errors import SiasnError

LEASE = timedelta(minutes=5)  # a claimed row is another worker's again after this
MAX_ATTEMPTS = 8
FIRST_BACKOFF = timedelta(minutes=1)
LONGEST_BACKOFF = timedelta(hours=6)
DUE = (StatusKiriman.PENDING, StatusKiriman.FAILED)


def _now() -> datetime:
    return datetime.now(UTC)


def _backoff(attempts: int) -> timedelta:
    return min(FIRST_BACKOFF * 2 ** max(attempts - 1, 0), LONGEST_BACKOFF)


def _due() -> Q:
    return Q(status__in=DUE) & (Q(next_attempt_at=None) | Q(next_attempt_at__lte=_now()))


async def jatuh_tempo(limit: int = 1000) -> list[int]:
    """Rows due to be sent, oldest first (for the sweep)."""
    return await SiasnOutbox.filter(_due()).order_by("id").limit(limit).values_list(
        "id", flat=True)


async def klaim(outbox_id: int) -> SiasnOutbox | None:
    """The row for this worker to send, or None: not due, or claimed by another worker
    within its lease (a message delivered twice)."""
    claimed = await SiasnOutbox.filter(_due(), id=outbox_id).update(
        next_attempt_at=_now() + LEASE, attempts=F("attempts") + 1)
    return await SiasnOutbox.get(id=outbox_id) if claimed else None


async def kirim(outbox_id: int, client: SiasnClient) -> StatusKiriman | None:
    row = await klaim(outbox_id)
    if row is None:
        return None
    evaluasi = await Evaluasi.get(id=row.evaluasi_id)
    pegawai = await Pegawai.get(id=evaluasi.pegawai_id)
    if not pegawai.siasn_pns_id:
        return await _selesai(row, StatusKiriman.DEAD, "PEGAWAI_TANPA_SIASN_ID: the pegawai "
                              f"{pegawai.nip} has no SIASN id yet (pull their data first)")
    if evaluasi.rating_hasil_kerja is None or evaluasi.predikat is None:
        return await _selesai(row, StatusKiriman.DEAD, "EVALUASI_TANPA_NILAI: not rated")
    kinerja = _kinerja(evaluasi, pegawai.siasn_pns_id)
    try:
        rw_id = row.siasn_id or await _cari(client, row.jenis, kinerja, pegawai.nip)
        if row.jenis == JenisKiriman.SKP22:
            rw_id = await client.simpan_skp22(body_skp22(kinerja, rw_id))
        else:
            rw_id = await client.simpan_kinerja_periodik(body_kinerja_periodik(kinerja, rw_id))
    except SiasnError as error:
        retry = error.transient and row.attempts < MAX_ATTEMPTS
        row.next_attempt_at = _now() + _backoff(row.attempts) if retry else None
        return await _selesai(row, StatusKiriman.FAILED if retry else StatusKiriman.DEAD,
                              f"{error.code} ({error.penanggung}): {error.message}"[:2000])
    row.siasn_id = rw_id
    row.next_attempt_at = None
    return await _selesai(row, StatusKiriman.SENT, None)


async def kirim_ulang(evaluasi_id: int) -> SiasnOutbox | None:
    """An admin sends an evaluation again (a DEAD one after fixing its cause)."""
    if not await kembali_ke_antrean(evaluasi_id):
        return None
    return await SiasnOutbox.get(evaluasi_id=evaluasi_id)


async def _selesai(row: SiasnOutbox, status: StatusKiriman, error: str | None) -> StatusKiriman:
    row.status, row.last_error = status, error
    await row.save(update_fields=["status", "last_error", "siasn_id", "next_attempt_at",
                                  "updated_at"])  # fmt: skip
    return status


async def _cari(client: SiasnClient, jenis: JenisKiriman, kinerja: KinerjaDinilai,
                nip: str) -> str | None:  # fmt: skip
    """The record SIASN already holds for this period (a push whose answer was lost)."""
    if jenis == JenisKiriman.SKP22:
        found = (await client.rw_skp22(nip)).items
        same = [r for r in found if same_skp22(kinerja, r.tahun, r.pns_dinilai_id)]
    else:
        found = (await client.rw_kinerja_periodik(nip)).items
        same = [r for r in found if same_periode(kinerja, r.tahun, r.periodik_id,
                                                 r.bulan_mulai_penilaian,
                                                 r.bulan_selesai_penilaian)]  # fmt: skip
    return same[0].id if same else None


def _kinerja(evaluasi: Evaluasi, pns_id: str) -> KinerjaDinilai:
    golongan = evaluasi.pejabat_penilai_golongan
    return KinerjaDinilai(
        pns_id=pns_id, tahun=evaluasi.tahun, jenis_periode=JenisPeriode(evaluasi.jenis_periode),
        periode_awal=evaluasi.periode_awal, periode_akhir=evaluasi.periode_akhir,
        hasil=evaluasi.rating_hasil_kerja, perilaku=evaluasi.rating_perilaku_kerja,
        predikat=evaluasi.predikat, status_penilai=evaluasi.status_penilai,
        penilai_nip=evaluasi.pejabat_penilai_nip, penilai_nama=evaluasi.pejabat_penilai_nama,
        penilai_golongan=golongan.value if golongan else None,
        penilai_jabatan=evaluasi.pejabat_penilai_jabatan,
        penilai_unor_nama=evaluasi.pejabat_penilai_unit_nama, jenjang=evaluasi.jenjang)
