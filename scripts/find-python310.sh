#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter, or nothing. Rasa Open Source 3.6 needs 3.10.
set -u
for candidate in "${PYTHON310:-}" python3.10 \
    "$(command -v pyenv >/dev/null 2>&1 && pyenv root)/versions/"3.10*/bin/python \
    "$HOME/.pyenv/versions/"3.10*/bin/python /usr/bin/python3.10 /usr/local/bin/python3.10; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if "$path" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; then
    echo "$path"
    exit 0
  fi
done
exit 0
