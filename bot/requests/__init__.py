"""Requests that leave the chat: follow-up calls, officer bookings, complaints and ratings."""
