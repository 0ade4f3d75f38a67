"""
Test controls mirroring packages/emulators (src/core/control-routes.ts), so the e2e suite drives
the real DOT like an emulator. Mounted only with DJANGO_IDP_TEST_CONTROLS=1 (idp/urls_controls.py),
answered for loopback callers only:

  GET  /__emulator/health     200 {"ok": true, "idp": "django-oidc", "url", "issuer", "pid", "uptimeMs"}
  POST /__emulator/reset      drops sessions, grants, access/refresh/ID tokens and pending faults
  POST /__emulator/fail-next  {"path"?: "/o/token/", "status"?: 503}: the next matching request fails
  POST /__emulator/hang-next  {"path"?: "/o/token/"}: the next matching request never answers
  POST /__emulator/token-lifetimes  {"accessTokenSeconds"?, "idTokenSeconds"?, "refreshTokenSeconds"?}:
       DOT's own ACCESS_TOKEN_EXPIRE_SECONDS / ID_TOKEN_EXPIRE_SECONDS / REFRESH_TOKEN_EXPIRE_SECONDS
       for tokens issued from now on (reset restores the settings)
  POST /__emulator/revoke-refresh-tokens  {"sub"?}: DOT's RefreshToken.revoke() on every live one
       (of that user); answers {"revoked": n}
  POST /__emulator/extra-claims  {"claims": {...}}: more claims in ID tokens and at userinfo (reset clears)
"""

import json
import os
import socket
import threading
import time

import oauth2_provider
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

CONTROL_PREFIX = "/__emulator/"
STARTED_AT = time.time()
# A held request is dropped at the latest after this long, so no thread waits forever.
HANG_SECONDS = 600


class FaultInjector:
    """One-shot failures armed by tests (the emulator's FaultInjector, thread-safe)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._pending = []
        self._held = set()

    def add(self, rule):
        with self._lock:
            self._pending.append(rule)

    def take(self, path):
        with self._lock:
            for index, rule in enumerate(self._pending):
                if not rule.get("path") or path.startswith(rule["path"]):
                    return self._pending.pop(index)
        return None

    @property
    def pending(self):
        with self._lock:
            return list(self._pending)

    def hold(self, request):
        """Blocks this request's thread until clear() (or HANG_SECONDS), then drops the connection."""
        released = threading.Event()
        with self._lock:
            self._held.add(released)
        try:
            released.wait(HANG_SECONDS)
        finally:
            with self._lock:
                self._held.discard(released)
        _drop_connection(request)

    def clear(self):
        with self._lock:
            self._pending = []
            held, self._held = self._held, set()
        for released in held:
            released.set()


faults = FaultInjector()

# Claims the validator adds while a test wants them (idp/validators.py); empty unless a test set some.
extra_claims = {}

LIFETIME_SETTINGS = {
    "accessTokenSeconds": "ACCESS_TOKEN_EXPIRE_SECONDS",
    "idTokenSeconds": "ID_TOKEN_EXPIRE_SECONDS",
    "refreshTokenSeconds": "REFRESH_TOKEN_EXPIRE_SECONDS",
}


def set_token_lifetimes(body):
    """Overrides DOT's lifetime settings the way settings.py would, read by DOT at issue time."""
    from oauth2_provider.settings import oauth2_settings

    chosen = {}
    for key, name in LIFETIME_SETTINGS.items():
        value = body.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ValueError(f"{key}: expected a positive integer")
        setattr(oauth2_settings, name, value)
        # Cached attributes are what oauth2_settings.reload() forgets: reset restores the defaults.
        oauth2_settings._cached_attrs.add(name)
        chosen[key] = value
    _forget_oauthlib_cores()
    return chosen


def _forget_oauthlib_cores():
    """DOT's views build their oauthlib server (with the lifetimes) once and keep it on the class."""
    from oauth2_provider.views.mixins import OAuthLibMixin

    pending = [OAuthLibMixin]
    while pending:
        view = pending.pop()
        pending.extend(view.__subclasses__())
        if "_oauthlib_core" in view.__dict__:
            delattr(view, "_oauthlib_core")


def revoke_refresh_tokens(body):
    from oauth2_provider.models import get_refresh_token_model

    live = get_refresh_token_model().objects.filter(revoked__isnull=True)
    sub = body.get("sub")
    if sub is not None:
        if not isinstance(sub, str):
            raise ValueError("sub: expected a string")
        # DOT's sub is str(user.pk).
        live = live.filter(user__pk=sub)
    tokens = list(live)
    for token in tokens:
        token.revoke()
    return len(tokens)


def set_extra_claims(body):
    claims = body.get("claims")
    if not isinstance(claims, dict):
        raise ValueError("claims: expected an object")
    extra_claims.clear()
    extra_claims.update(claims)


def _drop_connection(request):
    # runserver's handler: environ["wsgi.input"] is a LimitedStream over the socket's reader.
    try:
        sock = request.environ["wsgi.input"].stream.raw._sock
        sock.shutdown(socket.SHUT_RDWR)
    except (AttributeError, KeyError, OSError):
        pass


class FaultMiddleware:
    """Applies an armed fault to the next matching request. A no-op while nothing is armed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(CONTROL_PREFIX):
            rule = faults.take(request.path)
            if rule and rule["kind"] == "hang":
                faults.hold(request)
                return JsonResponse({"error": "emulator_injected_hang"}, status=504)
            if rule and rule["kind"] == "fail":
                return JsonResponse(
                    {
                        "error": "emulator_injected_failure",
                        "error_description": "The Django OAuth Toolkit test controls were told to fail this request.",
                        "status": rule["status"],
                    },
                    status=rule["status"],
                )
        return self.get_response(request)


def _is_loopback(request):
    address = request.META.get("REMOTE_ADDR", "")
    return address == "::1" or address.startswith("127.") or address.startswith("::ffff:127.")


def _read_json(request):
    if not request.body:
        return {}
    body = json.loads(request.body)
    if not isinstance(body, dict):
        raise ValueError("expected a JSON object")
    return body


def _parse_path(body):
    path = body.get("path")
    if path is not None and (not isinstance(path, str) or not path.startswith("/")):
        raise ValueError("path: expected a string starting with /")
    return path


def _parse_status(body):
    status = body.get("status", 503)
    if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
        raise ValueError("status: expected an integer from 400 to 599")
    return status


def reset_state():
    """Deletes sessions, grants and tokens; keeps users, the application and the signing key."""
    from oauth2_provider.models import get_access_token_model, get_grant_model, get_id_token_model, get_refresh_token_model

    with transaction.atomic():
        counts = {
            "refreshTokens": get_refresh_token_model().objects.all().delete()[0],
            "accessTokens": get_access_token_model().objects.all().delete()[0],
            "idTokens": get_id_token_model().objects.all().delete()[0],
            "grants": get_grant_model().objects.all().delete()[0],
            "sessions": Session.objects.all().delete()[0],
        }
    faults.clear()
    extra_claims.clear()
    from oauth2_provider.settings import oauth2_settings

    oauth2_settings.reload()
    _forget_oauthlib_cores()
    return counts


def _control_refusal(request):
    """Why a control request is refused, or None: the emulators' control-guard, for the real DOT.

    Loopback is not enough, since a browser on this machine is loopback too. ALLOWED_HOSTS already
    refuses a DNS-rebound Host; here a web page's request (an Origin, or Sec-Fetch-Site other than a
    typed URL) is refused, and every write must be JSON, which no page can send without a preflight.
    """
    if not _is_loopback(request):
        return 403, "control routes answer loopback only"
    site = request.headers.get("Sec-Fetch-Site")
    if "Origin" in request.headers or (site is not None and site != "none"):
        return 403, "control routes refuse requests from web pages"
    if request.method not in ("GET", "HEAD") and request.content_type != "application/json":
        return 415, "control routes take Content-Type: application/json"
    return None


@csrf_exempt
def control(request, route):
    refusal = _control_refusal(request)
    if refusal:
        return JsonResponse({"error": refusal[1]}, status=refusal[0])
    key = f"{request.method} {route}"
    try:
        if key == "GET health":
            return JsonResponse(
                {
                    "ok": True,
                    "idp": "django-oidc",
                    "url": settings.ORIGIN,
                    "issuer": settings.ISSUER,
                    "pid": os.getpid(),
                    "uptimeMs": int((time.time() - STARTED_AT) * 1000),
                    "server": f"django-oauth-toolkit {oauth2_provider.__version__}",
                }
            )
        if key == "POST reset":
            return JsonResponse({"ok": True, "deleted": reset_state()})
        if key == "POST fail-next":
            body = _read_json(request)
            faults.add({"kind": "fail", "path": _parse_path(body), "status": _parse_status(body)})
            return JsonResponse({"ok": True, "pending": faults.pending})
        if key == "POST hang-next":
            body = _read_json(request)
            faults.add({"kind": "hang", "path": _parse_path(body)})
            return JsonResponse({"ok": True, "pending": faults.pending})
        if key == "POST token-lifetimes":
            return JsonResponse({"ok": True, "lifetimes": set_token_lifetimes(_read_json(request))})
        if key == "POST revoke-refresh-tokens":
            return JsonResponse({"ok": True, "revoked": revoke_refresh_tokens(_read_json(request))})
        if key == "POST extra-claims":
            set_extra_claims(_read_json(request))
            return JsonResponse({"ok": True})
    except ValueError as error:  # json.JSONDecodeError is a ValueError
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse({"error": f"unknown control route: {request.method} {request.path}"}, status=404)
