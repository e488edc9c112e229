"""The SIASN client against the simulator of the contract: typed answers, the token flows
with refresh and one replay, transient failures retried, what does not parse handed back
for quarantine, and the evaluation pushes."""

from datetime import date

import pytest

from ekinerja_graphql.siasn.errors import (
    Penanggung,
    SiasnAuthRejected,
    SiasnPayloadInvalid,
    SiasnRejected,
    SiasnUnavailable,
)
from ekinerja_graphql.siasn.simulator.faults import Fault
from tests.siasn.conftest import in_process_client


def some_nip(simulator, index: int = 5) -> str:
    return sorted(simulator.data.pns)[index]


async def test_data_utama_is_typed_and_an_unknown_nip_is_none(client, simulator):
    nip = some_nip(simulator)
    stored = simulator.data.pns[nip]
    found = await client.data_utama(nip)
    assert (found.id, found.nip_baru, found.nama, found.unor_id) == (
        stored["id"], nip, stored["nama"], stored["unorId"])
    assert found.tgl_lahir == date(int(stored["tglLahir"][6:]), int(stored["tglLahir"][3:5]),
                                   int(stored["tglLahir"][:2]))  # fmt: skip
    assert await client.data_utama("199001012015011999") is None


async def test_the_unor_tree_and_riwayat(client, simulator):
    tree = await client.ref_unor()
    assert tree.invalid == [] and len(tree.items) == len(simulator.data.unor)
    (root,) = [unor for unor in tree.items if not unor.diatasan_id]
    assert root.nama_unor == "Kementerian Agama"
    nip = some_nip(simulator)
    jabatan = await client.rw_jabatan(nip)
    assert [item.unor_id for item in jabatan.items] == [simulator.data.pns[nip]["unorId"]]


async def test_tokens_are_fetched_once_and_sent_on_every_call(client, simulator):
    for index in range(5):
        assert await client.data_utama(some_nip(simulator, index)) is not None
    assert (len(simulator.apim_tokens), len(simulator.sso_tokens)) == (1, 1)


@pytest.mark.parametrize("fault", [Fault.APIM_EXPIRED, Fault.SSO_EXPIRED, Fault.SSO_MISMATCH])
async def test_a_refused_token_is_replaced_and_the_call_replayed_once(client, simulator, fault):
    nip = some_nip(simulator)
    await client.data_utama(nip)
    simulator.faults.inject(fault)
    assert (await client.data_utama(nip)).nip_baru == nip
    issued = len(simulator.apim_tokens) + len(simulator.sso_tokens)
    # Expiry revokes every token issued so far: only the fresh one is left.
    assert issued == (2 if fault is not Fault.SSO_MISMATCH else 3)


async def test_wrong_credentials_are_the_operators_to_fix(client_settings, simulator):
    settings = client_settings.model_copy(update={"siasn_consumer_secret": "wrong"})
    async with in_process_client(settings, simulator) as client:
        with pytest.raises(SiasnAuthRejected) as refused:
            await client.data_utama(some_nip(simulator))
    assert refused.value.penanggung is Penanggung.OPERATOR
    assert "APIM" in refused.value.message


async def test_a_pasted_sso_token_is_used_without_the_password_grant(client_settings,
                                                                     simulator):
    simulator.credentials.static_sso_token = "pasted-sso-token"
    settings = client_settings.model_copy(update={"siasn_sso_token": "pasted-sso-token",
                                                  "siasn_sso_password": ""})  # fmt: skip
    async with in_process_client(settings, simulator) as client:
        assert await client.data_utama(some_nip(simulator)) is not None
    assert simulator.sso_tokens == {}


@pytest.mark.parametrize("fault", [Fault.SERVER_ERROR, Fault.RESET, Fault.SUSPENDED,
                                   Fault.RATE_LIMITED])
async def test_transient_failures_are_retried(client, simulator, fault):
    simulator.faults.inject(fault, fault, fault)  # attempts 4: the fourth succeeds
    nip = some_nip(simulator)
    assert (await client.data_utama(nip)).nip_baru == nip
    assert simulator.requests["api"] == 4


async def test_past_the_attempts_the_failure_is_transient(client, simulator):
    simulator.faults.inject(*[Fault.SERVER_ERROR] * 4)
    with pytest.raises(SiasnUnavailable) as failed:
        await client.data_utama(some_nip(simulator))
    assert failed.value.transient and "503" in failed.value.message


async def test_a_payload_that_does_not_parse_is_handed_back_whole(client, simulator):
    nip = some_nip(simulator)
    simulator.data.pns[nip]["nipBaru"] = "12345"
    with pytest.raises(SiasnPayloadInvalid) as invalid:
        await client.data_utama(nip)
    assert "nipBaru" in invalid.value.message and invalid.value.payload["nipBaru"] == "12345"
    # In a list, the bad item is set aside and the others are kept.
    broken = next(iter(simulator.data.unor.values()))
    broken["NamaUnor"] = ""
    tree = await client.ref_unor()
    assert len(tree.items) == len(simulator.data.unor) - 1
    assert [bad.payload["Id"] for bad in tree.invalid] == [broken["Id"]]


def skp22_body(simulator, nip: str, rw_id: str | None = None, hasil: int = 2) -> dict:
    return {"id": rw_id, "tahun": 2026, "hasilKinerjaNilai": hasil, "perilakuKerjaNilai": 2,
            "kuadranKinerjaNilai": 2, "pnsDinilaiOrang": simulator.data.pns[nip]["id"],
            "statusPenilai": "ASN", "penilaiNipNrp": "197001011995031001",
            "penilaiNama": "Penilai", "penilaiGolongan": "41", "penilaiJabatan": "Kepala",
            "penilaiUnorNama": "Unit", "path": []}  # fmt: skip


async def test_skp22_is_created_updated_by_id_and_never_duplicated(client, simulator):
    nip = some_nip(simulator)
    rw_id = await client.simpan_skp22(skp22_body(simulator, nip))
    assert await client.simpan_skp22(skp22_body(simulator, nip, rw_id, hasil=1)) == rw_id
    (record,) = (await client.rw_skp22(nip)).items
    assert (record.id, record.tahun, record.hasil_kinerja) == (rw_id, 2026, "1")
    with pytest.raises(SiasnRejected) as refused:
        await client.simpan_skp22(skp22_body(simulator, nip))
    assert refused.value.penanggung is Penanggung.ADMIN_INSTANSI_SIASN


async def test_kinerja_periodik_is_saved_read_back_and_deleted(client, simulator):
    nip = some_nip(simulator)
    body = {"id": None, "pnsDinilaiId": simulator.data.pns[nip]["id"], "tahun": 2026,
            "periodikId": "2", "bulanMulaiPenilaian": "1", "bulanSelesaiPenilaian": 3,
            "tahunMulaiPenilaian": 2026, "tahunSelesaiPenilaian": 2026,
            "hasilKinerjaNilai": 2, "perilakuKerjaNilai": 3, "kuadranKinerjaNilai": 4,
            "koefisienId": "22", "statusPenilai": "NON ASN", "penilaiNipNrp": "-",
            "penilaiNama": "Menteri", "penilaiGolongan": None, "penilaiJabatanNama": "Menteri",
            "penilaiUnorNama": "Kementerian Agama", "path": []}  # fmt: skip
    rw_id = await client.simpan_kinerja_periodik(body)
    (record,) = (await client.rw_kinerja_periodik(nip)).items
    assert (record.id, record.periodik_id, record.bulan_mulai_penilaian,
            record.bulan_selesai_penilaian, record.kuadran_kinerja_nilai) == (
        rw_id, "2", 1, 3, "4")
    await client.hapus_kinerja_periodik(rw_id)
    assert (await client.rw_kinerja_periodik(nip)).items == []
    with pytest.raises(SiasnRejected, match="kuadranKinerjaNilai"):
        await client.simpan_kinerja_periodik({**body, "kuadranKinerjaNilai": 9})


async def test_the_change_feeds_list_what_changed(client, simulator):
    nip, other = some_nip(simulator, 1), some_nip(simulator, 2)
    simulator.data.promote(nip, "42", date(2026, 10, 1))
    simulator.data.retire(other, date(2026, 12, 1))
    promoted = await client.list_kp(date(2026, 10, 1), limit=50, offset=0)
    assert [item.nip_baru for item in promoted.items] == [nip]
    assert promoted.items[0].golongan_baru_id == "42"
    retired = await client.list_pensiun(date(2026, 11, 1), date(2026, 12, 31))
    assert [item.nip_baru for item in retired.items] == [other]
    assert (await client.list_kp(date(2026, 4, 1), limit=50, offset=0)).items == []


async def test_both_tokens_stale_are_replaced_in_turn(client, simulator):
    nip = some_nip(simulator)
    await client.data_utama(nip)
    simulator.apim_tokens.clear()
    simulator.sso_tokens.clear()  # e.g. tokens cached in Redis by an earlier installation
    assert (await client.data_utama(nip)).nip_baru == nip
    assert (len(simulator.apim_tokens), len(simulator.sso_tokens)) == (1, 1)
