"""Registration of inquiries: every conversation gets a findable record (seed 2.2.5)."""
