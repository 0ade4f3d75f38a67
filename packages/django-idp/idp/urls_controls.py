"""The project's URLs plus the test controls (settings.TEST_CONTROLS, env DJANGO_IDP_TEST_CONTROLS=1)."""
from django.urls import re_path

from . import controls
from .urls import urlpatterns as base_urlpatterns

urlpatterns = [
    re_path(r"^__emulator/(?P<route>[^/]*)/?$", controls.control, name="emulator-control"),
    *base_urlpatterns,
]
