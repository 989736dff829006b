from django.core.management.base import BaseCommand

from complaints.fake_system import FakeComplaintSystem


class Command(BaseCommand):
    help = (
        "Run a stand-in for the municipality's complaint system on 127.0.0.1 for demonstrations: it takes the "
        "portal's hand-offs and answers each case after a while through the portal's signed webhook."
    )

    def add_arguments(self, parser):
        parser.add_argument("--portal", default="http://127.0.0.1:8000", help="The portal's address.")
        parser.add_argument("--secret", default="demo", help="The shared secret (the portal's HANDOFF_SECRET).")
        parser.add_argument("--port", type=int, default=8090)
        parser.add_argument("--answer-after", type=float, default=30.0, help="Seconds before a case is answered.")

    def handle(self, *args, portal, secret, port, answer_after, **options):
        system = FakeComplaintSystem(portal, secret, port=port, answer_after=answer_after, log=self.stdout.write)
        self.stdout.write(f"Fake complaint system on {system.url}; answers after {answer_after:g} s. Ctrl-C stops it.")
        try:
            system.serve()
        except KeyboardInterrupt:
            system.stop()
