"""Per-request DataLoaders returning plain rows (dicts), one batch query per relation."""

from ekinerja_graphql.api.dataloaders.loaders import Loaders

__all__ = ["Loaders"]
