"""data-utama held against our database: the local rows a batch touches, and the fields
SIASN decides in local terms (units and jabatan by SIASN id), with what cannot be placed
(domain/siasn_pegawai.py has the rules)."""

from dataclasses import dataclass

from tortoise.expressions import Q

from ekinerja_graphql.domain.kepegawaian import PPPK
from ekinerja_graphql.domain.siasn_pegawai import golongan_dari, jenis_dari, status_dari
from ekinerja_graphql.models import Jabatan, Pegawai, UnitOrganisasi
from ekinerja_graphql.siasn.errors import Penanggung, SiasnError
from ekinerja_graphql.siasn.models import DataUtama


class UnorTidakDikenal(SiasnError):
    """data-utama names a unor our tree does not hold: a ref-unor pull brings it."""

    code = "PEGAWAI_UNOR_UNKNOWN"
    penanggung = Penanggung.OPERATOR


class JabatanTidakDikenal(SiasnError):
    """data-utama names a jabatan the local jabatan table does not hold."""

    code = "PEGAWAI_JABATAN_UNKNOWN"
    penanggung = Penanggung.OPERATOR


class KedudukanTidakDipetakan(SiasnError):
    """A kedudukanPnsId whose meaning for the status is not certain: an admin decides."""

    code = "PEGAWAI_KEDUDUKAN_UNMAPPED"
    penanggung = Penanggung.ADMIN_UNIT


@dataclass
class Lokal:
    by_nip: dict[str, Pegawai]
    by_siasn_id: dict[str, Pegawai]
    units: dict[str, UnitOrganisasi]  # by SIASN id
    jabatan: dict[str, Jabatan]  # by SIASN id
    names: dict[tuple[str, int], str]  # ("unit_id" | "jabatan_id", id) -> nama

    @classmethod
    async def load(cls, nips: list[str], found: list[DataUtama]) -> "Lokal":
        siasn_ids = [item.id for item in found]
        pegawai = await Pegawai.filter(Q(nip__in=nips) | Q(siasn_pns_id__in=siasn_ids))
        unit_ids = {p.unit_id for p in pegawai}
        jabatan_ids = {p.jabatan_id for p in pegawai if p.jabatan_id}
        units = await UnitOrganisasi.filter(
            Q(siasn_id__in={item.unor_id for item in found if item.unor_id}) | Q(id__in=unit_ids))
        named = {jabatan_id for item in found if (jabatan_id := _jabatan_id(item))}
        jabatan = await Jabatan.filter(Q(siasn_id__in=named) | Q(id__in=jabatan_ids))
        names = {("unit_id", u.id): u.nama for u in units}
        names.update({("jabatan_id", j.id): j.nama for j in jabatan})
        return cls(by_nip={p.nip: p for p in pegawai},
                   by_siasn_id={p.siasn_pns_id: p for p in pegawai if p.siasn_pns_id},
                   units={u.siasn_id: u for u in units if u.siasn_id},
                   jabatan={j.siasn_id: j for j in jabatan if j.siasn_id}, names=names)  # fmt: skip

    def shown(self, name: str, value: object) -> object:
        """A difference's old or new value as an admin reads it: a unit or jabatan by name."""
        if name in ("unit_id", "jabatan_id") and value is not None:
            return f"{self.names.get((name, value), '?')} ({value})"
        return value


def _jabatan_id(item: DataUtama) -> str | None:
    return (item.jabatan_struktural_id or item.jabatan_fungsional_id
            or item.jabatan_fungsional_umum_id)  # fmt: skip


def text(value: str | None, longest: int) -> str | None:
    """SIASN's text as we hold it: empty is none; what does not fit is not taken."""
    return value if value and len(value) <= longest else None


def siasn_fields(item: DataUtama, local: Pegawai | None, lokal: Lokal
            ) -> tuple[dict[str, object], list[SiasnError]]:  # fmt: skip
    """The fields SIASN decides, as SIASN holds them, and what could not be read."""
    problems: list[SiasnError] = []
    jenis = jenis_dari(item.nip_baru, (item.model_extra or {}).get("statusPegawai"),
                       local.jenis if local else None)  # fmt: skip
    fields: dict[str, object] = {
        "nama": item.nama[:255], "gelar_depan": text(item.gelar_depan, 60),
        "gelar_belakang": text(item.gelar_belakang, 60), "nip_lama": text(item.nip_lama, 9),
        "nik": text(item.nik, 16), "jenis": jenis,
    }  # fmt: skip
    for name, value in (("tanggal_lahir", item.tgl_lahir), ("tmt_cpns", item.tmt_cpns),
                        ("tmt_jabatan", item.tmt_jabatan)):  # fmt: skip
        if value is not None:
            fields[name] = value
    if jenis not in PPPK and golongan_dari(item.gol_ruang_akhir_id):
        fields["golongan"] = golongan_dari(item.gol_ruang_akhir_id)
    status = status_dari(item.kedudukan_pns_id, item.tgl_meninggal)
    if status is not None:
        fields["status"] = status
    elif item.kedudukan_pns_id:
        problems.append(KedudukanTidakDipetakan(
            f"{item.nip_baru}: kedudukanPnsId {item.kedudukan_pns_id} "
            f"({item.kedudukan_pns_nama or 'no name'}) does not say the status"))  # fmt: skip
    unit = lokal.units.get(item.unor_id or "")
    if unit is not None:
        fields["unit_id"] = unit.id
    else:
        problems.append(UnorTidakDikenal(f"{item.nip_baru}: unorId {item.unor_id} "
                                         f"({item.unor_nama}) is not in the unit tree"))
    jabatan_siasn_id = _jabatan_id(item)
    if jabatan_siasn_id and jabatan_siasn_id in lokal.jabatan:
        fields["jabatan_id"] = lokal.jabatan[jabatan_siasn_id].id
    elif jabatan_siasn_id:
        problems.append(JabatanTidakDikenal(f"{item.nip_baru}: jabatan {jabatan_siasn_id} "
                                            f"({item.jabatan_nama}) is not in the jabatan table"))
    return fields, problems
