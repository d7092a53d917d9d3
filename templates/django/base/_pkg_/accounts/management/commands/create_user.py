"""python manage.py create_user NAME --role ROLE --password-stdin"""

import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from ...roles import Role

ROLE_NAMES = ", ".join(role.value for role in Role)


class Command(BaseCommand):
    help = (
        "Create a user with a role (admin, editor or viewer). The password is read from "
        "standard input, never from the command line: "
        "printf '%s\\n' \"$PASSWORD\" | python manage.py create_user alice --role editor "
        "--password-stdin"
    )
    # Tests pass a file object as `stdin`.
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, help=f"one of: {ROLE_NAMES}")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the password from the first line of standard input",
        )
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"]
        if options["role"] not in {role.value for role in Role}:
            raise CommandError(f"Unknown role {options['role']!r}: choose one of {ROLE_NAMES}.")
        role = Role(options["role"])
        if not options["password_stdin"]:
            raise CommandError(
                "Give the password on standard input with --password-stdin; "
                "a password in the arguments would end up in the shell history."
            )
        stdin = options.get("stdin") or sys.stdin
        password = stdin.readline().rstrip("\r\n")
        if not password:
            raise CommandError("No password on standard input.")

        User = get_user_model()
        if User.objects.filter(**{User.USERNAME_FIELD: username}).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        user = User(**{User.USERNAME_FIELD: username}, email=options["email"])
        try:
            validate_password(password, user)
        except ValidationError as rejected:
            raise CommandError("Password refused: " + " ".join(rejected.messages)) from None
        try:
            group = Group.objects.get(name=role)
        except Group.DoesNotExist:
            raise CommandError(f"The {role} group is missing: run `manage.py migrate`.") from None

        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.groups.add(group)
        self.stdout.write(f"Created user {username!r} with role {role}.")
