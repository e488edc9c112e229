"""Who may see what (spec/domain.md §8): the token names the caller, the data grants access."""

from ekinerja_graphql.services.access.grants import (
    SCOPE_COLUMNS,
    Access,
    Grant,
    owner_of,
    owner_scope_columns,
)
from ekinerja_graphql.services.access.viewer import Viewer, load_viewer

__all__ = ["SCOPE_COLUMNS", "Access", "Grant", "Viewer", "load_viewer", "owner_of",
           "owner_scope_columns"]
