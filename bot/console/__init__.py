"""The advisor console: an aiohttp sub-application mounted at /console on the gateway."""
