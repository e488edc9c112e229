from datetime import date
from ekinerja_graphql.models import Pegawai, Tukin, TukinRiwayat, Absensi, AdminAssignment
from ekinerja_graphql.services.tukin import absensi, hitung
from tests.services.skp_support import actor


async def test_scratch(seeded_db):
    settings = seeded_db
    admin = await Pegawai.get(id=(await AdminAssignment.filter(role="ADMIN_PUSAT").first()).pegawai_id)
    a = await actor(admin)
    ps = await Pegawai.filter(status="AKTIF").order_by("id").limit(3)
    lines = ["nip,tanggal,jam_masuk,jam_pulang,keterangan"]
    for p in ps:
        lines.append(f"{p.nip},2026-10-01,07:45,16:10,HADIR")
        lines.append(f"{p.nip},2026-10-02,,16:40,HADIR")
        lines.append(f"{p.nip},2026-10-05,,,TK")
    res = await absensi.impor_absensi(a, "x.csv", "\n".join(lines).encode(), settings)
    print(res)
    bad = await absensi.impor_absensi(a, "x.csv", b"nip,tanggal,jam_masuk,jam_pulang,keterangan\n123,2026-13-01,7:00,,HADIRR\n", settings)
    print(bad)
    ids = list(await Pegawai.all().values_list("id", flat=True))
    n = await hitung.hitung(ids, date(2026, 10, 1), settings)
    n = await hitung.hitung(ids, date(2026, 10, 1), settings)
    print(n, await Tukin.all().count(), await TukinRiwayat.all().count())
    t = await Tukin.get(pegawai_id=ps[0].id)
    print(t.jumlah, t.masukan, t.rincian)
