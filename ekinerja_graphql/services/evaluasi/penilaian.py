"""Rating (spec/domain.md §4): the pejabat penilai rates hasil kerja and perilaku kerja of
an approved SKP for a period; the predikat comes only from the matrix (domain/predikat.py).
One evaluation, or many at once: all-or-nothing, with an error per item."""

from dataclasses import dataclass

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from ekinerja_graphql.domain.periode import JenisPeriode
from ekinerja_graphql.domain.predikat import Rating, predikat_kinerja
from ekinerja_graphql.domain.skp import PANJANG_URAIAN, StatusSkp
from ekinerja_graphql.domain.workflow import Aksi
from ekinerja_graphql.errors import BAD_USER_INPUT, BadUserInput, CodedError, Conflict, NotFound
from ekinerja_graphql.models import Evaluasi, Pegawai, Skp, UnitOrganisasi
from ekinerja_graphql.services import audit
from ekinerja_graphql.services.access.peran import Actor, pastikan_boleh
from ekinerja_graphql.services.evaluasi.records import Jejak, langkah, rantai_skp
from ekinerja_graphql.services.evaluasi.snapshot import Cache, angka_kredit_of, snapshot
from ekinerja_graphql.services.skp.pelaksanaan import periode_dari
from ekinerja_graphql.services.versioning import save_versioned

MAKS_MASSAL = 100


@dataclass(frozen=True, slots=True)
class Penilaian:
    skp_id: int
    jenis_periode: JenisPeriode
    nomor_periode: int
    rating_hasil_kerja: Rating
    rating_perilaku_kerja: Rating
    catatan: str | None = None
    version: int | None = None  # of the evaluation when it exists already


@dataclass(frozen=True, slots=True)
class ItemError:
    index: int
    code: str
    message: str
    field: str | None


class PenilaianDitolak(CodedError):
    """A bulk rating wrote nothing: at least one item failed; each failure is listed."""

    code = BAD_USER_INPUT

    def __init__(self, errors: list[ItemError]) -> None:
        super().__init__(f"{len(errors)} of the ratings failed: nothing was written")
        self.errors = errors


async def nilai(actor: Actor, penilaian: Penilaian, granularity: str) -> Evaluasi:
    async with in_transaction():
        batch = await _Batch.muat(actor, [penilaian], "nilaiEvaluasi")
        evaluasi = await _nilai(batch, penilaian, granularity, "input")
        await batch.jejak.tulis()
    return evaluasi


async def nilai_massal(actor: Actor, items: list[Penilaian], granularity: str) -> list[Evaluasi]:
    """All items or none; PenilaianDitolak lists every failing item."""
    if not 1 <= len(items) <= MAKS_MASSAL:
        raise BadUserInput("items", f"1 to {MAKS_MASSAL} ratings")
    if len({(i.skp_id, i.jenis_periode, i.nomor_periode) for i in items}) != len(items):
        raise BadUserInput("items", "ratings of distinct SKP and periods (one per pair)")
    done, errors = [], []
    async with in_transaction():  # raising rolls every item back
        batch = await _Batch.muat(actor, items, "nilaiEvaluasiMassal")
        for index, item in enumerate(items):
            try:
                done.append(await _nilai(batch, item, granularity, f"items[{index}]"))
            except CodedError as error:
                errors.append(ItemError(index, error.code, error.message, error.field))
        if errors:
            raise PenilaianDitolak(errors)
        await batch.jejak.tulis()
    return done


@dataclass(slots=True)
class _Batch:
    """What the ratings of one mutation read, in a few queries whatever their number: the
    SKPs and the evaluations of their periods (locked), their pegawai and units."""

    skp: dict[int, Skp]
    ada: dict[tuple[int, str, int], Evaluasi]
    cache: Cache
    jejak: Jejak

    @classmethod
    async def muat(cls, actor: Actor, items: list[Penilaian], action: str) -> "_Batch":
        skp_ids = {item.skp_id for item in items}
        skps = await Skp.select_for_update().filter(id__in=skp_ids)
        periods = Q(*(Q(jenis_periode=jenis, nomor_periode=nomor) for jenis, nomor in
                      {(item.jenis_periode, item.nomor_periode) for item in items}),
                    join_type=Q.OR)  # fmt: skip
        ada = await Evaluasi.select_for_update().filter(periods, skp_id__in=skp_ids)
        cache = Cache()
        pegawai = await cache.preload(Pegawai, {skp.pegawai_id for skp in skps})
        await cache.preload(UnitOrganisasi, {p.unit_id for p in pegawai}
                            | {skp.unit_id for skp in skps})  # fmt: skip
        return cls({skp.id: skp for skp in skps},
                   {(e.skp_id, e.jenis_periode, e.nomor_periode): e for e in ada}, cache,
                   Jejak(actor, action))  # fmt: skip


async def _nilai(batch: _Batch, penilaian: Penilaian, granularity: str, field: str
                 ) -> Evaluasi:  # fmt: skip
    """`field` prefixes the input paths in errors."""
    catatan = (penilaian.catatan or "").strip() or None
    if catatan is not None and len(catatan) > PANJANG_URAIAN:
        raise BadUserInput(f"{field}.catatan", f"at most {PANJANG_URAIAN} characters")
    skp = batch.skp.get(penilaian.skp_id)
    if skp is None:
        raise NotFound(f"Skp {penilaian.skp_id} does not exist", field=f"{field}.skpId")
    rantai = await rantai_skp(skp, batch.cache)
    pastikan_boleh(batch.jejak.actor, Aksi.NILAI_EVALUASI, rantai, f"Skp {skp.id}")
    if skp.status != StatusSkp.DISETUJUI:
        raise Conflict(f"Skp {skp.id} is {skp.status}: only an approved SKP is rated",
                       current_status=skp.status)  # fmt: skip
    periode = periode_dari(skp.tahun, penilaian.jenis_periode, penilaian.nomor_periode,
                           granularity, field)  # fmt: skip
    if periode.akhir < skp.periode_awal or periode.awal > skp.periode_akhir:
        raise BadUserInput(f"{field}.nomorPeriode",
                           f"a period within the SKP's {skp.periode_awal} to {skp.periode_akhir}")
    ada = batch.ada.get((skp.id, periode.jenis, periode.nomor))
    ke = langkah(ada.status if ada else None, Aksi.NILAI_EVALUASI, ada.version if ada else None)
    predikat = predikat_kinerja(penilaian.rating_hasil_kerja, penilaian.rating_perilaku_kerja)
    fields = await snapshot(skp, periode, batch.cache)
    fields |= {"rating_hasil_kerja": penilaian.rating_hasil_kerja,
               "rating_perilaku_kerja": penilaian.rating_perilaku_kerja, "predikat": predikat,
               "angka_kredit": angka_kredit_of(fields["jenjang"], fields["bulan_dinilai"],
                                               predikat), "status": ke,
               "catatan": catatan}  # fmt: skip
    if ada is None:
        evaluasi = await Evaluasi.create(**fields)
        batch.jejak.catat(evaluasi, Aksi.NILAI_EVALUASI, None, catatan)
        return evaluasi
    if penilaian.version is None:
        raise Conflict(f"Evaluasi {ada.id} of this period exists: send its version to rate it "
                       "again", current_version=ada.version, field=f"{field}.version")  # fmt: skip
    before, dari = audit.snapshot(ada), ada.status
    await save_versioned(ada, penilaian.version, **fields)
    batch.jejak.catat(ada, Aksi.NILAI_EVALUASI, dari, catatan, before)
    return ada
