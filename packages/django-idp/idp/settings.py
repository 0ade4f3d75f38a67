"""
Settings of the gallery's Django OAuth Toolkit 1.7.0 (Debian 12) OpenID Connect provider.

Environment:
  DJANGO_IDP_DATA_DIR      SQLite database, OIDC signing key, SECRET_KEY (default: <package>/.data)
  DJANGO_IDP_PORT          the port the issuer names (default 8010): issuer http://localhost:<port>/o
  DJANGO_IDP_TEST_CONTROLS 1 mounts /__emulator/health|reset|fail-next|hang-next (e2e only)
"""

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("DJANGO_IDP_DATA_DIR") or BASE_DIR / ".data").resolve()
PORT = int(os.environ.get("DJANGO_IDP_PORT") or 8010)
ORIGIN = f"http://localhost:{PORT}"
ISSUER = f"{ORIGIN}/o"
TEST_CONTROLS = os.environ.get("DJANGO_IDP_TEST_CONTROLS") == "1"


def _write_private(path: Path, content: str) -> None:
    """Writes a secret file readable by the owner only, atomically (no half-written key)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(content)
    os.replace(tmp, path)


def _read_or_create(name: str, create) -> str:
    path = DATA_DIR / name
    if not path.exists():
        DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
        _write_private(path, create())
    return path.read_text()


def _generate_rsa_pem() -> str:
    from jwcrypto import jwk

    key = jwk.JWK.generate(kty="RSA", size=2048)
    return key.export_to_pem(private_key=True, password=None).decode("ascii")


SECRET_KEY = _read_or_create("secret_key", lambda: secrets.token_urlsafe(50) + "\n").strip()
OIDC_RSA_PRIVATE_KEY = _read_or_create("oidc.key", _generate_rsa_pem)

DEBUG = False
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

INSTALLED_APPS = [
    # First, so its templates (registration/login.html, ...) win over the admin's.
    "idp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "oauth2_provider",
]

MIDDLEWARE = [
    # Test-only fault injection; a no-op unless a test armed it through /__emulator/fail-next.
    "idp.controls.FaultMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "idp.urls_controls" if TEST_CONTROLS else "idp.urls"
WSGI_APPLICATION = "idp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "db.sqlite3",
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

AUTH_PASSWORD_VALIDATORS = []
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_L10N = True
USE_TZ = True

# DEBUG is off, so the project serves the admin's and DOT's static files itself (idp/urls.py).
STATIC_URL = "/static/"

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": OIDC_RSA_PRIVATE_KEY,
    # Fixed, so the issuer is byte-exact whichever host name or discovery URL a client uses.
    "OIDC_ISS_ENDPOINT": ISSUER,
    "SCOPES": {
        "openid": "OpenID Connect scope",
        "profile": "Your name and username",
        "email": "Your email address",
        "read": "Read scope",
        "write": "Write scope",
    },
    "DEFAULT_SCOPES": ["openid"],
    "OAUTH2_VALIDATOR_CLASS": "idp.validators.GalleryOAuth2Validator",
    # PKCE_REQUIRED stays DOT 1.7.0's default (False); Auth.js sends S256 PKCE anyway.
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "[django-idp] %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    # With DEBUG off Django would only mail 500s to ADMINS: print them instead.
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        "oauth2_provider": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
    },
}
