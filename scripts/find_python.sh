#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 supports 3.8-3.10), or explain what
# to install and fail. Looks on PATH, then in pyenv's versions.
set -u
candidates=(python3.10)
if command -v pyenv >/dev/null 2>&1; then
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.|$)' | sort -rV); do
    candidates+=("$(pyenv root)/versions/$v/bin/python3.10")
  done
fi
candidates+=(/usr/bin/python3.10 /usr/local/bin/python3.10 "$HOME"/.pyenv/versions/3.10*/bin/python3.10)
for c in "${candidates[@]}"; do
  if path=$(command -v "$c" 2>/dev/null) && "$path" -c 'import sys, venv; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
    "$path" -c 'import sys; print(sys.executable)'
    exit 0
  fi
done
cat >&2 <<'MSG'
No Python 3.10 found. Rasa Open Source 3.6 runs on Python 3.8-3.10 only.
Install Python 3.10, for example one of:
  pyenv install 3.10.13                    (pyenv)
  apt-get install python3.10 python3.10-venv   (Debian/Ubuntu with 3.10 packages)
then run the command again.
MSG
exit 1
