"""skp22/save, kinerjaperiodik/save and kinerjaperiodik/delete (spec §6): `id` null creates,
a known id updates; a second record of the same period is refused, as BKN refuses
duplicate periods; what was pushed is read back through rw-skp22 / rw-kinerjaperiodik."""

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

NILAI = {"1", "2", "3"}  # DIATAS / SESUAI / DIBAWAH EKSPEKTASI
KUADRAN = {"1", "2", "3", "4", "5"}
PERIODIK = {"1", "2"}  # bulanan, triwulan
STATUS_PENILAI = {"ASN", "NON ASN"}


def _refused(message: str) -> JSONResponse:
    return JSONResponse({"success": False, "message": message, "mapData": message})


def _saved(key: str, rw_id: str) -> JSONResponse:
    return JSONResponse({"success": True, "message": "success", "mapData": {key: rw_id}})


def _code(body: dict, name: str, allowed: set[str]) -> str:
    value = body.get(name)
    text = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if text not in allowed:
        raise ValueError(f"{name} harus salah satu dari {', '.join(sorted(allowed))}")
    return text


def _int(body: dict, name: str, low: int, high: int) -> int:
    try:
        value = int(body.get(name))
    except (TypeError, ValueError):
        raise ValueError(f"{name} harus angka") from None
    if not low <= value <= high:
        raise ValueError(f"{name} harus {low}..{high}")
    return value


async def _body(request: Request) -> dict[str, Any] | None:
    try:
        body = await request.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


async def save_skp22(request: Request, sim) -> Response:
    body = await _body(request)
    if body is None:
        return _refused("body harus JSON")
    data = sim.data
    pns = data.pns_by_id(str(body.get("pnsDinilaiOrang") or ""))
    if pns is None:
        return _refused("pnsDinilaiOrang tidak ditemukan")
    try:
        item = {
            "tahun": _int(body, "tahun", 2022, 2100),
            "hasilKinerja": _code(body, "hasilKinerjaNilai", NILAI),
            "perilakuKerja": _code(body, "perilakuKerjaNilai", NILAI),
            "kuadranKinerja": _code(body, "kuadranKinerjaNilai", KUADRAN),
            "statusPenilai": _code(body, "statusPenilai", STATUS_PENILAI),
        }
    except ValueError as error:
        return _refused(str(error))
    item.update(pnsDinilaiId=pns["id"], namaPenilai=body.get("penilaiNama"),
                nipNrpPenilai=body.get("penilaiNipNrp"),
                penilaiGolonganId=body.get("penilaiGolongan"),
                penilaiJabatanNm=body.get("penilaiJabatan"),
                penilaiUnorNm=body.get("penilaiUnorNama"), path=body.get("path") or [])  # fmt: skip
    return _store(data.skp22, body.get("id"), item, ("pnsDinilaiId", "tahun"), "rwSkpId", data)


async def save_kinerja_periodik(request: Request, sim) -> Response:
    body = await _body(request)
    if body is None:
        return _refused("body harus JSON")
    data = sim.data
    pns = data.pns_by_id(str(body.get("pnsDinilaiId") or ""))
    if pns is None:
        return _refused("pnsDinilaiId tidak ditemukan")
    try:
        item = {
            "tahun": _int(body, "tahun", 2022, 2100),
            "periodikId": _code(body, "periodikId", PERIODIK),
            "bulanMulaiPenilaian": _int(body, "bulanMulaiPenilaian", 1, 12),
            "bulanSelesaiPenilaian": _int(body, "bulanSelesaiPenilaian", 1, 12),
            "hasilKinerjaNilai": _code(body, "hasilKinerjaNilai", NILAI),
            "perilakuKerjaNilai": _code(body, "perilakuKerjaNilai", NILAI),
            "kuadranKinerjaNilai": _code(body, "kuadranKinerjaNilai", KUADRAN),
            "statusPenilai": _code(body, "statusPenilai", STATUS_PENILAI),
        }
    except ValueError as error:
        return _refused(str(error))
    if item["bulanMulaiPenilaian"] > item["bulanSelesaiPenilaian"]:
        return _refused("bulanMulaiPenilaian setelah bulanSelesaiPenilaian")
    item.update(pnsDinilaiId=pns["id"], nip=pns["nipBaru"], nama=pns["nama"],
                koefisenId=body.get("koefisienId"), namaPenilai=body.get("penilaiNama"),
                penilaiNipNrp=body.get("penilaiNipNrp"),
                penilaiGolonganId=body.get("penilaiGolongan"),
                penilaiJabatanNama=body.get("penilaiJabatanNama"),
                penilaiUnorNm=body.get("penilaiUnorNama"), path=body.get("path") or [])  # fmt: skip
    same_period = ("pnsDinilaiId", "tahun", "periodikId", "bulanMulaiPenilaian",
                   "bulanSelesaiPenilaian")  # fmt: skip
    return _store(data.kinerja_periodik, body.get("id"), item, same_period,
                  "rwKinerjaPeriodikId", data)  # fmt: skip


def _store(records: dict[str, dict], rw_id: Any, item: dict, period: tuple[str, ...],
           key: str, data) -> Response:  # fmt: skip
    same = [other for other in records.values()
            if all(other[name] == item[name] for name in period) and other["id"] != rw_id]
    if same:
        return _refused("Data periode ini sudah ada")
    if rw_id in (None, ""):
        rw_id = data.new_id()
    elif str(rw_id) not in records:
        return _refused("Data tidak ditemukan")
    records[str(rw_id)] = {"id": str(rw_id), **item}
    return _saved(key, str(rw_id))


async def delete_kinerja_periodik(request: Request, sim) -> Response:
    removed = sim.data.kinerja_periodik.pop(request.path_params["id"], None)
    if removed is None:
        return JSONResponse({"code": 0, "data": "Data tidak ditemukan"}, 404)
    return JSONResponse({"success": True, "message": "success", "mapData": None})
