#!/usr/bin/env bash
# Fail with one clear line when no Python 3.10 was found.
if [ -z "${1:-}" ]; then
  echo "ERROR: Python 3.10 is required (Rasa 3.6 does not run on 3.11+). Install it, e.g. 'pyenv install 3.10.13' (see 'pyenv versions'), or set PYTHON310=/path/to/python3.10." >&2
  exit 1
fi
