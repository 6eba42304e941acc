"""Handover to a human citizen advisor: the case context, the queue and office hours."""
