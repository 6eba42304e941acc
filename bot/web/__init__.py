"""What the two web front ends (the citizen gateway and the advisor console) share in one
process: the database engine, the HTTP client and the security headers. Neither front end
imports the other; `bot.webapp` builds both on top of this."""
