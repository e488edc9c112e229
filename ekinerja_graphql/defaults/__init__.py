"""Files shipped as defaults: the tukin rule set and the working calendar."""

from importlib.resources import files


def teks(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def aturan_tukin() -> str:
    return teks("aturan_tukin.toml")


def jadwal_kerja() -> str:
    return teks("jadwal_kerja.toml")
