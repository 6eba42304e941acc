"""The web gateway: the only door between citizens' browsers (and advisors) and the bot."""
