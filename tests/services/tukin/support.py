"""Shared helpers of the tukin service tests: an admin actor, attendance files, months."""

from datetime import date

from ekinerja_graphql.models import AdminAssignment, Pegawai
from tests.services.skp_support import actor

OKTOBER = date(2026, 10, 1)
SEPTEMBER = date(2026, 9, 1)  # TW3: the seed holds FINAL evaluations of it
HEADER = "nip,tanggal,jam_masuk,jam_pulang,keterangan"


async def admin_pusat_actor():
    assignment = await AdminAssignment.filter(role="ADMIN_PUSAT", revoked_at=None).order_by(
        "id").first()  # fmt: skip
    return await actor(await Pegawai.get(id=assignment.pegawai_id))


async def admin_unit_actor():
    assignment = await AdminAssignment.filter(role="ADMIN_UNIT", revoked_at=None).order_by(
        "id").first()  # fmt: skip
    return await actor(await Pegawai.get(id=assignment.pegawai_id)), assignment.unit_id


def berkas(*rows: str, header: str = HEADER) -> bytes:
    return "\n".join((header, *rows)).encode()


def hari_kerja_oktober(bulan: date = OKTOBER) -> list[date]:
    from ekinerja_graphql import defaults
    from ekinerja_graphql.domain.tukin.jadwal import muat_jadwal

    return muat_jadwal(defaults.jadwal_kerja()).hari_kerja(bulan)


def bulan_penuh(nip: str, days: list[date] | None = None, masuk: str = "07:25",
                pulang: str = "16:05", keterangan: str = "HADIR") -> list[str]:  # fmt: skip
    """A row for every working day (of October 2026 unless given; Fridays end at 16:30)."""
    rows = []
    for day in days or hari_kerja_oktober():
        out = pulang if day.weekday() != 4 else "16:35"
        rows.append(f"{nip},{day.isoformat()},{masuk},{out},{keterangan}")
    return rows
