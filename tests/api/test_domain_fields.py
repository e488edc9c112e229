"""What issue 12 added to the graph: PPPK and their scale, the Menteri as a pejabat negara,
tugas tambahan, SIASN eselon names, and RHK listed UTAMA first."""

from datetime import date

from strawberry.relay import to_base64

from ekinerja_graphql.models import Pegawai, RencanaHasilKerja, Skp, UnitOrganisasi
from tests.support.graphql import admin_pusat, data_of, principal

PEGAWAI = """query($nip: String!) { pegawai(nip: $nip) { nip jenis golongan golonganPppk pangkat
    kedudukanHukumId tugasTambahan jabatan { nama jenjang eselon }
    evaluasi(tahun: 2026) { golongan golonganPppk statusPenilai } } }"""


async def test_a_pppk_is_found_by_ni_pppk_with_their_own_golongan(seeded_db, test_settings):
    pppk = await Pegawai.filter(jenis="PPPK", status="AKTIF").order_by("id").first()
    data = await data_of(PEGAWAI, await admin_pusat(), test_settings, {"nip": pppk.nip})
    found = data["pegawai"]
    assert found["nip"] == pppk.nip and found["jenis"] == "PPPK"
    assert found["golongan"] is None and found["pangkat"] is None
    assert found["golonganPppk"] == pppk.golongan_pppk.name
    assert found["kedudukanHukumId"] == "71"
    assert found["evaluasi"]
    assert all(e["golonganPppk"] == found["golonganPppk"] and e["golongan"] is None
               for e in found["evaluasi"])  # fmt: skip


async def test_golongan_pppk_filters_the_list(seeded_db, test_settings):
    query = """{ pegawaiList(first: 100, filter: {golonganPppk: [IX]}) { totalCount
        nodes { golonganPppk } } }"""
    data = await data_of(query, await admin_pusat(), test_settings)
    expected = await Pegawai.filter(golongan_pppk="IX").count()
    assert data["pegawaiList"]["totalCount"] == expected > 0
    assert {node["golonganPppk"] for node in data["pegawaiList"]["nodes"]} == {"IX"}


async def test_the_menteri_heads_the_ministry_and_rates_eselon_i(seeded_db, test_settings):
    root = await UnitOrganisasi.get(parent_id=None)
    head = await Pegawai.get(id=(await UnitOrganisasi.filter(
        parent_id=root.id, jenis="UNIT_ESELON_I").order_by("id").first()).pemimpin_id)  # fmt: skip
    query = """query($unit: ID!, $nip: String!) {
        node(id: $unit) { ... on UnitOrganisasi { pemimpin { nip } eselon
            pemimpinNonAsn { id namaLengkap jabatan selesai } } }
        pegawai(nip: $nip) { pejabatPenilai { nip } pejabatPenilaiNonAsn { jabatan }
            jabatan { eselon }
            skp(tahun: 2026) { statusPenilai pejabatPenilai { nip }
                pejabatPenilaiNonAsn { nama jabatan } } } }"""
    variables = {"unit": to_base64("UnitOrganisasi", root.id), "nip": head.nip}
    data = await data_of(query, await admin_pusat(), test_settings, variables)
    unit = data["node"]
    assert unit["pemimpin"] is None and unit["eselon"] is None
    assert unit["pemimpinNonAsn"]["jabatan"] == "Menteri Agama"
    assert unit["pemimpinNonAsn"]["selesai"] is None
    again = await data_of("query($id: ID!) { node(id: $id) { ... on PejabatNegara { jabatan } } }",
                          await admin_pusat(), test_settings, {"id": unit["pemimpinNonAsn"]["id"]})
    assert again["node"] == {"jabatan": "Menteri Agama"}
    pegawai = data["pegawai"]
    assert pegawai["pejabatPenilai"] is None
    assert pegawai["pejabatPenilaiNonAsn"] == {"jabatan": "Menteri Agama"}
    assert pegawai["jabatan"]["eselon"] == "I_A_JPT_MADYA"
    skp = pegawai["skp"]
    assert skp["statusPenilai"] == "NON_ASN" and skp["pejabatPenilai"] is None
    assert skp["pejabatPenilaiNonAsn"]["jabatan"] == "Menteri Agama"


async def test_a_kepala_kua_is_a_penghulu_with_a_tugas_tambahan(seeded_db, test_settings):
    kua = await UnitOrganisasi.filter(jenis="KUA").order_by("id").first()
    head = await Pegawai.get(id=kua.pemimpin_id)
    data = await data_of(PEGAWAI, await admin_pusat(), test_settings, {"nip": head.nip})
    found = data["pegawai"]
    assert found["tugasTambahan"] == "KEPALA_KUA"
    assert found["jabatan"]["nama"].startswith("Penghulu") and found["jabatan"]["eselon"] is None


async def test_rencana_hasil_kerja_lists_utama_before_tambahan(empty_db, test_settings):
    """By meaning, whatever their urutan and the text order ("TAMBAHAN" < "UTAMA")."""
    unit = await UnitOrganisasi.create(id=1, path="0000001", depth=0, nama="Kementerian Agama",
                                       jenis="KEMENTERIAN")
    pegawai = await Pegawai.create(nip="199001012015011001", nama="Staf", jenis="PNS",
                                   jenis_kelamin="LAKI_LAKI", tanggal_lahir=date(1990, 1, 1),
                                   status="AKTIF", unit=unit, golongan="31")
    skp = await Skp.create(pegawai=pegawai, unit=unit, tahun=2026, periode_awal=date(2026, 1, 1),
                           periode_akhir=date(2026, 12, 31), pendekatan="KUANTITATIF",
                           jenis_jabatan="JA", status="DRAFT")
    for jenis, urutan in (("TAMBAHAN", 1), ("UTAMA", 3), ("TAMBAHAN", 2), ("UTAMA", 2)):
        await RencanaHasilKerja.create(skp=skp, jenis=jenis, urutan=urutan, uraian=jenis)
    query = "{ me { skp(tahun: 2026) { rencanaHasilKerja { jenis urutan } } } }"
    data = await data_of(query, principal(pegawai.nip), test_settings)
    listed = [(r["jenis"], r["urutan"]) for r in data["me"]["skp"]["rencanaHasilKerja"]]
    assert listed == [("UTAMA", 2), ("UTAMA", 3), ("TAMBAHAN", 1), ("TAMBAHAN", 2)]
