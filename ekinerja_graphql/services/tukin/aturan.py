"""Rule set versions: uploaded whole, checked before they are stored, chosen per month."""

import hashlib
from datetime import date
from functools import lru_cache

from tortoise.transactions import in_transaction

from ekinerja_graphql import defaults
from ekinerja_graphql.domain.tukin.aturan import AturanTukin, muat_aturan
from ekinerja_graphql.errors import Forbidden
from ekinerja_graphql.models import AturanTukin as AturanTukinRow
from ekinerja_graphql.services import audit
from ekinerja_graphql.services.access.peran import Actor
from ekinerja_graphql.services.tukin.stale import tandai_stale_bulan_sejak

PENGUNGGAH_BAWAAN = "bawaan"  # the shipped default, stored on first use
ADMIN_PUSAT_ONLY = "rule sets are uploaded by ADMIN_PUSAT"


async def unggah_aturan(actor: Actor, isi: str) -> AturanTukinRow:
    """Stores a new version; BerkasTidakValid (a ValueError naming every problem) when the
    file is not a valid rule set."""
    if not actor.viewer.sees_everyone:
        raise Forbidden(ADMIN_PUSAT_ONLY)
    aturan = muat_aturan(isi)
    async with in_transaction():
        await _pastikan_bawaan()  # the months before this version keep a rule set
        row = await _simpan(aturan, isi, actor.subject)
        # The months it now governs are computed again (none, for a rule set of next month).
        await tandai_stale_bulan_sejak(row.berlaku_mulai)
        await audit.record(actor, "unggahAturanTukin", row, pegawai_id=None)
    return row


async def aturan_berlaku(bulan: date) -> tuple[AturanTukinRow, AturanTukin]:
    """The version in force for the month: the latest berlaku_mulai not after it, the
    latest upload among equals. The shipped default is stored first when none is."""
    await _pastikan_bawaan()
    row = await (AturanTukinRow.filter(berlaku_mulai__lte=bulan)
                 .order_by("-berlaku_mulai", "-id").first())  # fmt: skip
    if row is None:
        raise LookupError(f"no tukin rule set is in force for {bulan:%Y-%m}")
    return row, parsed(row.id, row.isi)


@lru_cache(maxsize=16)
def parsed(version: int, isi: str) -> AturanTukin:
    return muat_aturan(isi)


async def _pastikan_bawaan() -> None:
    """Stores the shipped default as the first version, once."""
    if not await AturanTukinRow.exists():
        text = defaults.aturan_tukin()
        await _simpan(muat_aturan(text), text, PENGUNGGAH_BAWAAN)


async def _simpan(aturan: AturanTukin, isi: str, oleh: str) -> AturanTukinRow:
    return await AturanTukinRow.create(
        nama=aturan.nama[:255], berlaku_mulai=aturan.berlaku_mulai, isi=isi,
        sha256=hashlib.sha256(isi.encode()).hexdigest(), diunggah_oleh=oleh,
    )
