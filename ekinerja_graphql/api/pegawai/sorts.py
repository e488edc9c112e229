"""Orders of pegawai connections; each is keyset-paginated on a (column, id) index."""

from enum import Enum

import strawberry

from ekinerja_graphql.api.connection import SortKey, text_sort

BY_NAMA = text_sort("NAMA", "nama", r"[^\x00]{1,255}")
BY_NIP = text_sort("NIP", "nip", r"[0-9]{18}")


@strawberry.enum(description="Order of pegawaiList; both are keyset-paginated")
class PegawaiOrder(Enum):
    NAMA = "NAMA"
    NIP = "NIP"

    @property
    def sort_key(self) -> SortKey:
        return BY_NAMA if self is PegawaiOrder.NAMA else BY_NIP
