from django.conf import settings
from django.shortcuts import render


def index(request):
    """Where LoginView lands without `next`: says who is signed in and where the OIDC endpoints are."""
    return render(request, "idp/index.html", {"issuer": settings.ISSUER})
