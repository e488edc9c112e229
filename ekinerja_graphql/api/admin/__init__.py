"""Administration: who administers what (admin_assignment)."""
