"""
The gallery's DOT 1.7.0 project through Django's test client: discovery, a full authorization-code
flow with PKCE as Auth.js v5 runs it, the seed command, and the test controls.
"""

import base64
import hashlib
import json
import secrets
from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import TestCase, override_settings
from jwcrypto import jwk, jwt
from oauth2_provider.models import AccessToken, Application, Grant, IDToken, RefreshToken

from idp.controls import faults

USERS = json.loads((settings.BASE_DIR.parent / "emulators" / "fixtures" / "users.json").read_text())["users"]
CLIENT = json.loads((settings.BASE_DIR.parent / "emulators" / "fixtures" / "clients.json").read_text())["django-oidc"]
ALICE = next(user for user in USERS if user["username"] == "alice")
REDIRECT_URI = CLIENT["redirectUris"][0]
LOGIN_ERROR = "Please enter a correct username and password. Note that both fields may be case-sensitive."
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class FormParser(HTMLParser):
    """Collects each form's id and input fields, as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.forms = {}
        self._current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = self.forms.setdefault(attrs.get("id"), {"inputs": []})
        elif tag == "input" and self._current is not None:
            self._current["inputs"].append(attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def parse_forms(response):
    parser = FormParser()
    parser.feed(response.content.decode())
    return parser.forms


def basic(client_id, client_secret):
    # RFC 6749 §2.3.1: form-urlencode, then base64 (what Auth.js sends).
    raw = f"{quote(client_id, safe='')}:{quote(client_secret, safe='')}".encode()
    return "Basic " + base64.b64encode(raw).decode()


def pkce_pair():
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


@override_settings(PASSWORD_HASHERS=FAST_HASHER)
class GalleryTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_gallery", verbosity=0)

    def authorize_params(self, challenge, **extra):
        return {
            "response_type": "code",
            "client_id": CLIENT["clientId"],
            "redirect_uri": REDIRECT_URI,
            "scope": "openid profile email",
            "state": "state-123",
            "nonce": "nonce-456",
            "code_challenge": challenge,
            "code_challenge_method": "S256",
            **extra,
        }

    def sign_in_and_consent(self, challenge, username="alice", password=None):
        """Browser part of the flow: authorize -> login page -> authorize -> consent -> callback."""
        password = password or ALICE["password"]
        authorize_url = "/o/authorize/?" + urlencode(self.authorize_params(challenge))
        response = self.client.get(authorize_url)
        self.assertEqual(response.status_code, 302)
        login_url = response["Location"]
        self.assertTrue(login_url.startswith("/accounts/login/?next=/o/authorize/"), login_url)

        response = self.client.get(login_url)
        self.assertEqual(response.status_code, 200)
        form = parse_forms(response)["login-form"]
        fields = {i["name"]: i.get("value", "") for i in form["inputs"] if i.get("name")}
        self.assertEqual(set(fields), {"csrfmiddlewaretoken", "username", "password", "next"})
        self.assertIn({"type": "submit", "value": "Log in"}, form["inputs"])
        response = self.client.post(login_url, {**fields, "username": username, "password": password})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], authorize_url)

        response = self.client.get(authorize_url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f"Authorize {CLIENT['name']}?")
        form = parse_forms(response)["authorizationForm"]
        buttons = [i for i in form["inputs"] if i.get("type") == "submit"]
        self.assertEqual([b["value"] for b in buttons], ["Cancel", "Authorize"])
        fields = {i["name"]: i.get("value", "") for i in form["inputs"] if i.get("type") == "hidden"}
        response = self.client.post(authorize_url, {**fields, "allow": "Authorize"})
        self.assertEqual(response.status_code, 302)
        callback = urlsplit(response["Location"])
        self.assertEqual(f"{callback.scheme}://{callback.netloc}{callback.path}", REDIRECT_URI)
        query = parse_qs(callback.query)
        self.assertEqual(query["state"], ["state-123"])
        return query["code"][0]

    def exchange(self, code, verifier):
        return self.client.post(
            "/o/token/",
            {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI, "code_verifier": verifier},
            HTTP_AUTHORIZATION=basic(CLIENT["clientId"], CLIENT["clientSecret"]),
        )

    def tokens(self):
        verifier, challenge = pkce_pair()
        response = self.exchange(self.sign_in_and_consent(challenge), verifier)
        self.assertEqual(response.status_code, 200, response.content)
        return response.json()


class DiscoveryTests(GalleryTestCase):
    def test_discovery_answers_200_with_and_without_the_trailing_slash(self):
        for path in ("/o/.well-known/openid-configuration", "/o/.well-known/openid-configuration/"):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Access-Control-Allow-Origin"], "*")
                doc = response.json()
                self.assertEqual(doc["issuer"], f"http://localhost:{settings.PORT}/o")
                self.assertEqual(doc["authorization_endpoint"], f"{settings.ISSUER}/authorize/")
                self.assertEqual(doc["token_endpoint"], f"{settings.ISSUER}/token/")
                self.assertEqual(doc["userinfo_endpoint"], f"{settings.ISSUER}/userinfo/")
                self.assertEqual(doc["jwks_uri"], f"{settings.ISSUER}/.well-known/jwks.json")
                self.assertIn("client_secret_basic", doc["token_endpoint_auth_methods_supported"])
                self.assertEqual(doc["id_token_signing_alg_values_supported"], ["RS256", "HS256"])
                self.assertEqual(
                    sorted(doc["claims_supported"]),
                    sorted(["sub", "name", "given_name", "family_name", "email", "preferred_username"]),
                )
                # DOT 1.7.0: none of these yet.
                for key in ("end_session_endpoint", "scopes_supported", "code_challenge_methods_supported"):
                    self.assertNotIn(key, doc)

    def test_jwks_serves_the_rsa_key(self):
        response = self.client.get("/o/.well-known/jwks.json")
        self.assertEqual(response.status_code, 200)
        (key,) = response.json()["keys"]
        self.assertEqual((key["kty"], key["alg"], key["use"]), ("RSA", "RS256", "sig"))
        # DOT 1.7.0's header bug, kept as shipped.
        self.assertTrue(response["Cache-Control"].startswith("Cache-Control: public, max-age=3600"))


class FlowTests(GalleryTestCase):
    def test_authorization_code_flow_with_pkce(self):
        tokens = self.tokens()
        self.assertEqual(tokens["token_type"], "Bearer")
        self.assertEqual(tokens["scope"], "openid profile email")
        self.assertIn("refresh_token", tokens)

        keys = jwk.JWKSet.from_json(self.client.get("/o/.well-known/jwks.json").content)
        id_token = jwt.JWT(jwt=tokens["id_token"], key=keys, algs=["RS256"])
        claims = json.loads(id_token.claims)
        expected = {
            "iss": f"http://localhost:{settings.PORT}/o",
            "aud": CLIENT["clientId"],
            "sub": "1",
            "nonce": "nonce-456",
            "name": ALICE["name"],
            "given_name": ALICE["givenName"],
            "family_name": ALICE["familyName"],
            "email": ALICE["email"],
            "preferred_username": "alice",
        }
        self.assertEqual({key: claims.get(key) for key in expected}, expected)
        self.assertIsInstance(claims["auth_time"], int)

        response = self.client.get("/o/userinfo/", HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.json(),
            {key: expected[key] for key in ("sub", "name", "given_name", "family_name", "email", "preferred_username")},
        )

    def test_pkce_is_checked(self):
        _, challenge = pkce_pair()
        code = self.sign_in_and_consent(challenge)
        response = self.exchange(code, "wrong-verifier-" + "x" * 40)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["error"], "invalid_grant")

    def test_bad_credentials_show_djangos_error(self):
        response = self.client.post("/accounts/login/", {"username": "alice", "password": "nope"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f'<p class="errornote">\n    {LOGIN_ERROR}\n</p>', html=False)

    def test_cancel_redirects_with_access_denied(self):
        _, challenge = pkce_pair()
        self.client.force_login(get_user_model().objects.get(pk=1))
        authorize_url = "/o/authorize/?" + urlencode(self.authorize_params(challenge))
        form = parse_forms(self.client.get(authorize_url))["authorizationForm"]
        fields = {i["name"]: i.get("value", "") for i in form["inputs"] if i.get("type") == "hidden"}
        response = self.client.post(authorize_url, fields)  # Cancel: no "allow"
        self.assertEqual(response.status_code, 302)
        self.assertEqual(parse_qs(urlsplit(response["Location"]).query)["error"], ["access_denied"])

    def test_logout(self):
        self.client.force_login(get_user_model().objects.get(pk=1))
        response = self.client.get("/accounts/logout/")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("_auth_user_id", self.client.session)


class SeedTests(GalleryTestCase):
    def test_seed_is_idempotent_and_restores_the_fixtures(self):
        User = get_user_model()
        alice = User.objects.get(pk=1)
        alice.email = "changed@example.com"
        alice.set_password("changed")
        alice.save()
        Application.objects.filter(client_id=CLIENT["clientId"]).update(redirect_uris="http://elsewhere/")

        call_command("seed_gallery", verbosity=0)
        call_command("seed_gallery", verbosity=0)

        self.assertEqual(User.objects.count(), len(USERS))
        for data in USERS:
            user = User.objects.get(pk=int(data["id"]))
            self.assertEqual(
                (user.username, user.get_full_name(), user.first_name, user.last_name, user.email),
                (data["username"], data["name"], data["givenName"], data["familyName"], data["email"]),
            )
            self.assertTrue(user.check_password(data["password"]))
        (application,) = Application.objects.all()
        self.assertEqual(application.client_id, CLIENT["clientId"])
        self.assertEqual(application.client_secret, CLIENT["clientSecret"])
        self.assertEqual(application.name, CLIENT["name"])
        self.assertEqual(application.redirect_uris.split(), CLIENT["redirectUris"])
        self.assertEqual(application.client_type, Application.CLIENT_CONFIDENTIAL)
        self.assertEqual(application.authorization_grant_type, Application.GRANT_AUTHORIZATION_CODE)
        self.assertEqual(application.algorithm, Application.RS256_ALGORITHM)
        self.assertFalse(application.skip_authorization)


@override_settings(ROOT_URLCONF="idp.urls_controls")
class ControlTests(GalleryTestCase):
    def tearDown(self):
        faults.clear()

    def test_health(self):
        response = self.client.get("/__emulator/health")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertIs(body["ok"], True)
        self.assertEqual(body["issuer"], settings.ISSUER)

    def test_reset_drops_sessions_grants_and_tokens(self):
        tokens = self.tokens()
        _, challenge = pkce_pair()
        self.client.logout()
        self.sign_in_and_consent(challenge)  # a second session and an unused grant
        self.assertTrue(AccessToken.objects.exists() and Grant.objects.exists() and Session.objects.exists())

        response = self.client.post("/__emulator/reset", content_type="application/json")
        self.assertEqual(response.status_code, 200)
        self.assertIs(response.json()["ok"], True)
        for model in (AccessToken, RefreshToken, IDToken, Grant, Session):
            self.assertFalse(model.objects.exists(), model.__name__)
        self.assertEqual(get_user_model().objects.count(), len(USERS))
        self.assertEqual(Application.objects.count(), 1)

        response = self.client.get("/o/userinfo/", HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}")
        self.assertEqual(response.status_code, 401)
        # The browser session is gone too: authorize sends to the login page again.
        response = self.client.get("/o/authorize/?" + urlencode(self.authorize_params(challenge)))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/accounts/login/"))

    def test_fail_next(self):
        response = self.client.post(
            "/__emulator/fail-next", {"path": "/o/token/", "status": 502}, content_type="application/json"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.client.get("/o/.well-known/openid-configuration").status_code, 200)
        with self.assertLogs("django.request", "ERROR"):  # Django logs every 5xx
            response = self.client.post("/o/token/", {"grant_type": "authorization_code"})
        self.assertEqual(response.status_code, 502)
        self.assertEqual(response.json()["error"], "emulator_injected_failure")
        response = self.client.post("/o/token/", {"grant_type": "authorization_code"})
        self.assertNotEqual(response.status_code, 502)

    def test_controls_answer_loopback_only(self):
        response = self.client.post("/__emulator/reset", content_type="application/json", REMOTE_ADDR="192.0.2.7")
        self.assertEqual(response.status_code, 403)

    def test_controls_refuse_what_a_web_page_can_send(self):
        # A page on any origin can make the developer's browser send these, and the browser is loopback.
        attacks = [
            ({"content_type": "text/plain", "data": "{}"}, 415),
            ({"content_type": "application/x-www-form-urlencoded", "data": "a=1"}, 415),
            ({"data": {}}, 415),
            ({"content_type": "application/json", "data": "{}", "HTTP_ORIGIN": "http://evil.example"}, 403),
            ({"content_type": "application/json", "data": "{}", "HTTP_SEC_FETCH_SITE": "cross-site"}, 403),
        ]
        for kwargs, status in attacks:
            with self.subTest(kwargs=kwargs):
                self.assertEqual(self.client.post("/__emulator/fail-next", **kwargs).status_code, status)
        self.assertEqual(faults.pending, [])
        self.assertEqual(self.client.get("/__emulator/health", HTTP_HOST="evil.example").status_code, 400)
        self.assertEqual(self.client.get("/__emulator/health", HTTP_SEC_FETCH_SITE="none").status_code, 200)

    def test_bad_control_requests(self):
        self.assertEqual(self.client.get("/__emulator/nope").status_code, 404)
        response = self.client.post("/__emulator/fail-next", {"status": 200}, content_type="application/json")
        self.assertEqual(response.status_code, 400)


@override_settings(ROOT_URLCONF="idp.urls_controls")
class TokenLifecycleControlTests(GalleryTestCase):
    """The token-lifecycle controls, and DOT's own refresh behaviour they let the e2e suite see."""

    def tearDown(self):
        self.client.post("/__emulator/reset", content_type="application/json")

    def refresh(self, refresh_token):
        return self.client.post(
            "/o/token/",
            {"grant_type": "refresh_token", "refresh_token": refresh_token},
            HTTP_AUTHORIZATION=basic(CLIENT["clientId"], CLIENT["clientSecret"]),
        )

    def test_refresh_rotates_and_refuses_the_old_token(self):
        tokens = self.tokens()
        response = self.refresh(tokens["refresh_token"])
        self.assertEqual(response.status_code, 200, response.content)
        refreshed = response.json()
        # DOT 1.7.0: ROTATE_REFRESH_TOKEN is True, and the refresh grant sends no ID token.
        self.assertNotEqual(refreshed["refresh_token"], tokens["refresh_token"])
        self.assertNotIn("id_token", refreshed)
        self.assertEqual(self.refresh(tokens["refresh_token"]).json()["error"], "invalid_grant")

    def test_token_lifetimes_apply_to_new_tokens_until_reset(self):
        response = self.client.post(
            "/__emulator/token-lifetimes", {"accessTokenSeconds": 2}, content_type="application/json"
        )
        self.assertEqual(response.json(), {"ok": True, "lifetimes": {"accessTokenSeconds": 2}})
        self.assertEqual(self.tokens()["expires_in"], 2)
        self.client.post("/__emulator/reset", content_type="application/json")
        self.assertEqual(self.tokens()["expires_in"], 36000)

    def test_revoke_refresh_tokens_makes_the_next_refresh_invalid_grant(self):
        tokens = self.tokens()
        response = self.client.post("/__emulator/revoke-refresh-tokens", {"sub": "1"}, content_type="application/json")
        self.assertEqual(response.json(), {"ok": True, "revoked": 1})
        self.assertEqual(self.refresh(tokens["refresh_token"]).json()["error"], "invalid_grant")
        # RefreshToken.revoke() deletes its access token too.
        response = self.client.get("/o/userinfo/", HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}")
        self.assertEqual(response.status_code, 401)

    def test_extra_claims_reach_the_id_token_and_userinfo(self):
        big = "x" * 12 * 1024
        self.client.post("/__emulator/extra-claims", {"claims": {"gallery_oversized": big}}, content_type="application/json")
        tokens = self.tokens()
        claims = json.loads(jwt.JWT(jwt=tokens["id_token"], key=jwk.JWKSet.from_json(self.client.get("/o/.well-known/jwks.json").content), algs=["RS256"]).claims)
        self.assertEqual(claims["gallery_oversized"], big)
        response = self.client.get("/o/userinfo/", HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}")
        self.assertEqual(response.json()["gallery_oversized"], big)

    def test_bad_lifecycle_requests(self):
        for route, body in [("token-lifetimes", {"accessTokenSeconds": 0}), ("extra-claims", {"claims": []}), ("revoke-refresh-tokens", {"sub": 1})]:
            response = self.client.post(f"/__emulator/{route}", body, content_type="application/json")
            self.assertEqual(response.status_code, 400, route)


@override_settings(ROOT_URLCONF="idp.urls")  # what settings picks without DJANGO_IDP_TEST_CONTROLS=1
class NoControlTests(GalleryTestCase):
    def test_controls_do_not_exist_without_the_env_var(self):
        self.assertEqual(self.client.get("/__emulator/health").status_code, 404)
        self.assertEqual(self.client.post("/__emulator/reset", content_type="application/json").status_code, 404)
