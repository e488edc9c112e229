"""What a pegawai is, read from SIASN's data-utama (spec siasn-api §"How the sync must
behave", §5): SIASN is the source of truth for identity, position, rank and unit; the
local system owns contact data, SKP, evaluations and tukin. Pure: no database here."""

from collections.abc import Mapping
from datetime import date

from ekinerja_graphql.domain.golongan import Golongan
from ekinerja_graphql.domain.kepegawaian import (
    KEDUDUKAN_HUKUM,
    KEDUDUKAN_HUKUM_PPPK_AKTIF,
    JenisPegawai,
    StatusPegawai,
)
from ekinerja_graphql.domain.nip import InvalidNip, JenisNip, parse_nip

# kedudukanPnsId -> status. The inverse of KEDUDUKAN_HUKUM, and the codes it does not
# produce whose meaning is plain from ref/siasn_kedudukan_hukum.csv [G]. Other codes
# (07 Pejabat Negara, 15 hukuman disiplin, ...) say nothing certain about tukin or
# activity: they are reported for an admin, and the status is left as it is.
STATUS_DARI_KEDUDUKAN: dict[str, StatusPegawai] = {
    **{kode: status for status, kode in KEDUDUKAN_HUKUM.items()},
    KEDUDUKAN_HUKUM_PPPK_AKTIF: StatusPegawai.AKTIF,
    "72": StatusPegawai.AKTIF,  # RA's second PPPK code, unnamed in every source [G]
    "13": StatusPegawai.CLTN,  # Perpanjangan CLTN
    "66": StatusPegawai.NONAKTIF,  # Diberhentikan
    "77": StatusPegawai.NONAKTIF,  # Pemberhentian tanpa hak pensiun
    "88": StatusPegawai.PENSIUN,  # Pemberhentian dengan hak pensiun
    "98": StatusPegawai.PENSIUN,  # Mencapai BUP
}

# Statuses of someone who no longer works here: reaching one is a deactivation.
TIDAK_AKTIF = frozenset({StatusPegawai.PENSIUN, StatusPegawai.MENINGGAL,
                         StatusPegawai.NONAKTIF})  # fmt: skip

# The fields SIASN decides, with the difference code a change of each is recorded under.
KODE_PERBEDAAN = {
    "nama": "PEGAWAI_IDENTITAS_CHANGED",
    "gelar_depan": "PEGAWAI_IDENTITAS_CHANGED",
    "gelar_belakang": "PEGAWAI_IDENTITAS_CHANGED",
    "nip_lama": "PEGAWAI_IDENTITAS_CHANGED",
    "tanggal_lahir": "PEGAWAI_IDENTITAS_CHANGED",
    "nik": "PEGAWAI_IDENTITAS_CHANGED",
    "jenis": "PEGAWAI_JENIS_CHANGED",
    "golongan": "PEGAWAI_GOLONGAN_CHANGED",
    "tmt_cpns": "PEGAWAI_JENIS_CHANGED",
    "status": "PEGAWAI_STATUS_CHANGED",
    "unit_id": "PEGAWAI_UNIT_CHANGED",
    "jabatan_id": "PEGAWAI_JABATAN_CHANGED",
    "tmt_jabatan": "PEGAWAI_JABATAN_CHANGED",
}
DEACTIVATED = "PEGAWAI_DEACTIVATED"


def status_dari(kedudukan_id: str | None, tgl_meninggal: date | None) -> StatusPegawai | None:
    """The status SIASN gives, or None when its code says nothing certain."""
    if tgl_meninggal is not None:
        return StatusPegawai.MENINGGAL
    return STATUS_DARI_KEDUDUKAN.get(kedudukan_id) if kedudukan_id else None


def jenis_dari(nip: str, status_pegawai: str | None, sekarang: JenisPegawai | None
               ) -> JenisPegawai:  # fmt: skip
    """PPPK by the form of the NIP (never anything else); a PNS-form NIP is CPNS or PNS by
    SIASN's statusPegawai [G: its values are not in the spec], else as it was (PNS when
    new)."""
    try:
        form = parse_nip(nip, plausible=False).jenis
    except InvalidNip:
        form = JenisNip.PNS
    if form is JenisNip.PPPK:
        return JenisPegawai.PPPK
    if form is JenisNip.PPPK_PARUH_WAKTU:
        return JenisPegawai.PPPK_PARUH_WAKTU
    said = (status_pegawai or "").strip().upper()
    if said in (JenisPegawai.PNS, JenisPegawai.CPNS):
        return JenisPegawai(said)
    return sekarang if sekarang in (JenisPegawai.PNS, JenisPegawai.CPNS) else JenisPegawai.PNS


def golongan_dari(kode: str | None) -> Golongan | None:
    """The PNS golongan of a golRuangAkhirId (11 … 45), or None for any other value."""
    return Golongan(kode) if kode in Golongan._value2member_map_ else None


def perubahan(lama: Mapping[str, object], baru: Mapping[str, object]
              ) -> list[tuple[str, str, object, object]]:  # fmt: skip
    """(code, field, old, new) of each field SIASN decides that `baru` holds otherwise. A
    field absent from `baru` is one SIASN said nothing certain about: kept."""
    changes = []
    for name, code in KODE_PERBEDAAN.items():
        if name in baru and lama.get(name) != baru[name]:
            old, new = lama.get(name), baru[name]
            if name == "status" and new in TIDAK_AKTIF and old not in TIDAK_AKTIF:
                code = DEACTIVATED
            changes.append((code, name, old, new))
    return changes
