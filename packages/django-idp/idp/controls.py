"""
Test controls mirroring packages/emulators (src/core/control-routes.ts), so the e2e suite drives
the real DOT like an emulator. Mounted only with DJANGO_IDP_TEST_CONTROLS=1 (idp/urls_controls.py),
answered for loopback callers only:

  GET  /__emulator/health     200 {"ok": true, "idp": "django-oidc", "url", "issuer", "pid", "uptimeMs"}
  POST /__emulator/reset      drops sessions, grants, access/refresh/ID tokens and pending faults
  POST /__emulator/fail-next  {"path"?: "/o/token/", "status"?: 503}: the next matching request fails
  POST /__emulator/hang-next  {"path"?: "/o/token/"}: the next matching request never answers
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
    return counts


@csrf_exempt
def control(request, route):
    if not _is_loopback(request):
        return JsonResponse({"error": "control routes answer loopback only"}, status=403)
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
    except ValueError as error:  # json.JSONDecodeError is a ValueError
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse({"error": f"unknown control route: {request.method} {request.path}"}, status=404)
