#!/usr/bin/env bash
# The package's tests: Django's test client against the project (fast), then the launcher and the
# real server through oauth4webapi, the library Auth.js v5 uses (test/*.test.js, Node 22).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${DJANGO_IDP_PYTHON:-/usr/bin/python3}"
if ! "$PYTHON" -c "import django, oauth2_provider, jwcrypto" 2>/dev/null; then
  echo "django-idp test: $PYTHON cannot import Django OAuth Toolkit. Run: pnpm --filter @idp-gallery/django-idp setup" >&2
  exit 1
fi

data_dir="$(mktemp -d "${TMPDIR:-/tmp}/django-idp-test.XXXXXX")"
trap 'rm -rf "$data_dir"' EXIT

env -u DJANGO_IDP_TEST_CONTROLS DJANGO_IDP_DATA_DIR="$data_dir" PYTHONDONTWRITEBYTECODE=1 \
  "$PYTHON" manage.py test idp --noinput "$@"
node --test test/*.test.js
