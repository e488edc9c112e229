"""GraphQL layer: types, thin resolvers, per-request DataLoaders."""
