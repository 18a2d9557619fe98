#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter (Rasa 3.6 supports 3.8-3.10 only).
set -euo pipefail
for candidate in python3.10 "$(command -v pyenv >/dev/null && echo "$(pyenv root)")/versions/3.10."*/bin/python; do
  if [ -n "$candidate" ] && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
    "$candidate" -c 'import sys; print(sys.executable)'; exit 0
  fi
done
for candidate in "$HOME"/.pyenv/versions/3.10.*/bin/python /usr/local/bin/python3.10 /usr/bin/python3.10; do
  if [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done
cat >&2 <<'MSG'
Python 3.10 was not found. Rasa 3.6 needs Python 3.8-3.10. Install it, for example:
  pyenv install 3.10.13        (with pyenv)
  apt-get install python3.10 python3.10-venv   (where your distribution ships it)
MSG
exit 1
