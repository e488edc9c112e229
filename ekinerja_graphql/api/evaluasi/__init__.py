"""Periodic and annual evaluations."""
