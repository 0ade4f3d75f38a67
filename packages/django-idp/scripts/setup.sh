#!/usr/bin/env bash
# Installs Debian's Django OAuth Toolkit (python3-django-oauth-toolkit: DOT 1.7.0 + Django 3.2 on
# Debian 12) when /usr/bin/python3 cannot import it yet. Nothing else: no pip, no virtualenv.
set -euo pipefail

PYTHON="${DJANGO_IDP_PYTHON:-/usr/bin/python3}"
PACKAGES=(python3-django-oauth-toolkit)
INSTALL_CMD="apt-get install -y ${PACKAGES[*]}"

installed() {
  [ -x "$PYTHON" ] && "$PYTHON" -c "import django, oauth2_provider, jwcrypto" >/dev/null 2>&1
}

report() {
  "$PYTHON" - <<'PY'
import django, oauth2_provider
print(f"django-idp setup: Django OAuth Toolkit {oauth2_provider.__version__}, Django {django.get_version()}")
if not oauth2_provider.__version__.startswith("1.7."):
    print("django-idp setup: warning: this project was written for DOT 1.7.0 (Debian 12)")
PY
}

if installed; then
  report
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "django-idp setup: apt-get not found. This package needs Debian 12's ${PACKAGES[*]} (DOT 1.7.0, Django 3.2) importable by $PYTHON." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "django-idp setup: $PYTHON cannot import Django OAuth Toolkit, and installing it needs root." >&2
  echo "Run this, then run setup again:" >&2
  echo "  sudo $INSTALL_CMD" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "django-idp setup: ${SUDO[*]:+${SUDO[*]} }$INSTALL_CMD"
if ! "${SUDO[@]}" apt-get install -y "${PACKAGES[@]}"; then
  echo "django-idp setup: install failed; refreshing the package lists (apt-get update) and retrying"
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y "${PACKAGES[@]}"
fi

if ! installed; then
  echo "django-idp setup: $PYTHON still cannot import oauth2_provider after installing ${PACKAGES[*]}." >&2
  exit 1
fi
report
