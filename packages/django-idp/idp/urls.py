from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.staticfiles.views import serve as serve_static
from django.urls import include, path, re_path
from oauth2_provider import views as oauth2_views

from . import views

urlpatterns = [
    path("", views.index, name="index"),
    # DOT 1.7.0 routes discovery only with the trailing slash; Django's APPEND_SLASH answers the
    # slash-less URL, which is the one Auth.js v5 derives from the issuer, with a 301 that
    # oauth4webapi does not follow. Serve the same view there too (DOT 2.4 does the same).
    re_path(
        r"^o/\.well-known/openid-configuration$",
        oauth2_views.ConnectDiscoveryInfoView.as_view(),
        name="oidc-connect-discovery-info-no-slash",
    ),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    # DEBUG is off, so Django would serve no static files: the admin's CSS (login page) and
    # DOT's Bootstrap (consent page) come from the installed apps through the finders.
    re_path(
        r"^%s(?P<path>.*)$" % settings.STATIC_URL.lstrip("/"),
        serve_static,
        {"insecure": True},
    ),
]
