"""A client of the GraphQL API over HTTP with each person's token, and the steps of the
SKP workflow the write-side tests walk through again and again."""

from datetime import date

import httpx
from strawberry.relay import to_base64

from ekinerja_graphql.app import create_app
from ekinerja_graphql.auth import mint_token
from tests.support.graphql import operation

TAHUN = date.today().year


class Client:
    def __init__(self, settings) -> None:
        self.settings = settings
        self.http = httpx.AsyncClient(transport=httpx.ASGITransport(
            app=create_app(settings, manage_database=False)), base_url="http://api")

    async def call(self, who, name_or_query: str, **variables) -> dict:
        """The data of an operation (a file of schema/operations, or a query text)."""
        payload = await self.raw(who, name_or_query, **variables)
        assert "errors" not in payload, payload["errors"]
        return payload["data"]

    async def raw(self, who, name_or_query: str, **variables) -> dict:
        query = name_or_query if "{" in name_or_query else operation(name_or_query)
        token = mint_token(who.nip, self.settings)
        response = await self.http.post("/graphql", json={"query": query, "variables": variables},
                                        headers={"Authorization": f"Bearer {token}"})
        assert response.status_code in (200, 400), response.text
        return response.json()

    async def error(self, who, name_or_query: str, **variables) -> dict:
        payload = await self.raw(who, name_or_query, **variables)
        (error,) = payload["errors"]
        return error


def gid(type_name: str, row) -> str:
    return to_base64(type_name, row.id if hasattr(row, "id") else row)


async def draft_skp(api: Client, who, rhk_atasan: str | None, perspektif: str | None = None):
    """Drafts an SKP with one UTAMA RHK (cascading from `rhk_atasan`) and its KUANTITAS
    indicator; returns (skp id, version, rhk id)."""
    skp = (await api.call(who, "BuatSkp", tahun=TAHUN, pendekatan="KUANTITATIF"))["buatSkp"]
    rhk_input = {"jenis": "UTAMA", "uraian": f"Terlaksananya layanan oleh {who.nama}",
                 "rhkAtasanId": rhk_atasan, "perspektif": perspektif}  # fmt: skip
    rhk = (await api.call(who, "TambahRhk", skpId=skp["id"], input=rhk_input))["tambahRhk"]
    await api.call(who, "TambahIndikator", rhkId=rhk["id"], input={
        "aspek": "KUANTITAS", "uraian": "Jumlah layanan", "targetNilai": "120",
        "targetSatuan": "layanan"})
    return skp["id"], skp["version"], rhk["id"]


async def submit_and_approve(api: Client, pegawai, penilai, skp_id: str, version: int) -> int:
    submitted = (await api.call(pegawai, "AjukanSkp", id=skp_id, version=version))["ajukanSkp"]
    assert submitted["status"] == "DIAJUKAN"
    approved = (await api.call(penilai, "SetujuiSkp", id=skp_id,
                               version=submitted["version"]))["setujuiSkp"]  # fmt: skip
    assert approved["status"] == "DISETUJUI"
    return approved["version"]


def penilaian(skp_id: str, jenis: str, nomor: int, hasil="SESUAI_EKSPEKTASI",
              perilaku="SESUAI_EKSPEKTASI", version=None) -> dict:
    return {"skpId": skp_id, "jenisPeriode": jenis, "nomorPeriode": nomor,
            "ratingHasilKerja": hasil, "ratingPerilakuKerja": perilaku, "version": version}
