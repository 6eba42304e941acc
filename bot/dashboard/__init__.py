"""Supervisor dashboard data: aggregates, server-rendered SVG charts and CSV exports."""
