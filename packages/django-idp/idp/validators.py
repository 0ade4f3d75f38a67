from oauth2_provider.oauth2_validators import OAuth2Validator


class GalleryOAuth2Validator(OAuth2Validator):
    """
    DOT 1.7.0's validator plus the profile and email claims, in the ID token and at /o/userinfo/.

    `sub` stays DOT's str(user.pk). This is the request-agnostic form of get_additional_claims
    (new in 1.7.0: no `request` parameter, values are callables of the oauthlib request), the form
    that also lists the claims in discovery's claims_supported. With the older
    get_additional_claims(self, request) form DOT 1.7.0 returns the same claims but discovery
    says only ["sub"].
    """

    def get_additional_claims(self):
        return {
            "name": lambda request: request.user.get_full_name(),
            "given_name": lambda request: request.user.first_name,
            "family_name": lambda request: request.user.last_name,
            "email": lambda request: request.user.email,
            "preferred_username": lambda request: request.user.get_username(),
            **test_claims(),
        }


def test_claims():
    """What the test controls' extra-claims asked for (idp/controls.py); nothing otherwise."""
    from idp.controls import extra_claims

    return {name: (lambda request, value=value: value) for name, value in extra_claims.items()}
