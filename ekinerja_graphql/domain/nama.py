"""How a name is printed on documents."""


def format_nama_lengkap(nama: str, gelar_depan: str | None, gelar_belakang: str | None) -> str:
    """'Dr. H. Ahmad Fauzi, M.Ag.': gelar depan, the name, then gelar belakang after a comma."""
    text = f"{gelar_depan} {nama}" if gelar_depan else nama
    return f"{text}, {gelar_belakang}" if gelar_belakang else text
