"""GraphQL object types, built from plain rows (dicts) returned by the DataLoaders."""
