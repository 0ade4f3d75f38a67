#!/usr/bin/python3
"""Django's command-line utility for the gallery's Django OAuth Toolkit project."""
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idp.settings")
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Run `pnpm --filter @idp-gallery/django-idp setup` "
            "(Debian's python3-django-oauth-toolkit) and use /usr/bin/python3."
        ) from exc
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
