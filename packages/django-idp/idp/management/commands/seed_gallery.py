"""
Seeds the gallery's users and relying party from the emulators' fixtures, idempotently:
users keep the fixture's id as primary key (so DOT's sub = str(user.pk) equals the emulator's),
the application keeps the fixture's client_id. Running it again updates, never duplicates.
"""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from oauth2_provider.models import get_application_model

FIXTURES_DIR = settings.BASE_DIR.parent / "emulators" / "fixtures"
CLIENT_KEY = "django-oidc"


def _load(path: Path):
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise CommandError(f"cannot read {path}: {error}") from error


class Command(BaseCommand):
    help = "Creates or updates the gallery's users and the django-oidc application (fixtures of packages/emulators)."

    def add_arguments(self, parser):
        parser.add_argument("--fixtures", default=str(FIXTURES_DIR), help="folder with users.json and clients.json")

    def handle(self, *args, **options):
        fixtures = Path(options["fixtures"])
        users = _load(fixtures / "users.json")["users"]
        client = _load(fixtures / "clients.json").get(CLIENT_KEY)
        if not client:
            raise CommandError(f'{fixtures / "clients.json"} has no "{CLIENT_KEY}" entry')
        self.verbosity = options["verbosity"]
        with transaction.atomic():
            seeded = [self._seed_user(user) for user in users]
            application = self._seed_application(client)
        if self.verbosity >= 1:
            self.stdout.write(f"seeded users {', '.join(seeded)} and application {application}")

    def _seed_user(self, data):
        User = get_user_model()
        pk = int(data["id"])
        # A user of another pk holding this username would break the unique constraint.
        User.objects.filter(username=data["username"]).exclude(pk=pk).delete()
        user, created = User.objects.update_or_create(
            pk=pk,
            defaults={
                "username": data["username"],
                "first_name": data["givenName"],
                "last_name": data["familyName"],
                "email": data["email"],
                "is_active": True,
            },
        )
        if created or not user.check_password(data["password"]):
            user.set_password(data["password"])
            user.save(update_fields=["password"])
        if self.verbosity >= 2:
            self.stdout.write(f"{'created' if created else 'updated'} user {pk} {user.username}")
        return f"{user.username} ({pk})"

    def _seed_application(self, data):
        Application = get_application_model()
        application, created = Application.objects.update_or_create(
            client_id=data["clientId"],
            defaults={
                "name": data["name"],
                "client_secret": data["clientSecret"],
                "client_type": Application.CLIENT_CONFIDENTIAL,
                "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
                "redirect_uris": " ".join(data["redirectUris"]),
                "algorithm": Application.RS256_ALGORITHM,
                "skip_authorization": False,
                "user": None,
            },
        )
        if self.verbosity >= 2:
            self.stdout.write(f"{'created' if created else 'updated'} application {application.client_id}")
        return application.client_id
