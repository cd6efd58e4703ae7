from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import BaseCommand, call_command


class Command(BaseCommand):
    help = (
        "Migrate the database and create the users of the interoperability tests: alice and bob"
        " (the demo's users, with the same passwords), a staff user, an inactive user, and the"
        " group 'readers' that alice is in."
    )

    def handle(self, *args, **options):
        call_command("migrate", verbosity=0, interactive=False)
        users = get_user_model().objects
        alice = users.create_user("alice", password="wonderland")
        users.create_user("bob", password="builder")
        users.create_user("staff", password="staff-password", is_staff=True)
        users.create_user("inactive", password="inactive-password", is_active=False)
        alice.groups.add(Group.objects.create(name="readers"))
