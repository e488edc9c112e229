"""Pegawai: the type, its loaders, filters, sorts and root fields."""
