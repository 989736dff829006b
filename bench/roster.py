"""Roster import and members listing at scale.

    .venv/bin/python bench/roster.py [--rows 20000]

Builds the demo site in a throwaway database, writes a roster of `--rows`
people (1 % of them repeated, 1 % with a bad date) as CSV, then times the dry
run and the confirmed import of django-import-export through the portal's own
code (assemblies.roster), and counts the queries of the coordinator's members
listing with 20 members and with the whole roster. Targets (issue 3): dry run +
confirm ≤ 20 s for 20,000 rows; the same number of queries at 20 and 20,000.
"""

import argparse
import csv
import io
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FIRST = ["Ayşe", "Fatma", "Zeynep", "Elif", "Hatice", "Merve", "Şeyma", "Özlem", "İpek", "Gül", "Emine", "Sevgi"]
LAST = ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Özdemir", "Arslan", "Doğan"]


def roster_csv(rows, neighbourhoods):
    rng = random.Random(2020)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Ad Soyad", "E-posta", "Telefon", "Doğum tarihi", "Cinsiyet", "Mahalle"])
    for number in range(rows):
        if number and number % 100 == 0:
            number -= 1  # a repeated person: reported as a duplicate
        birth = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(1940, 2005)}"
        if number % 100 == 50:
            birth = "31.02.1990"  # not a date: reported as an error
        writer.writerow(
            [
                f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                f"uye{number}@ornek.test",
                f"05{30 + number // 10_000_000:02d} {number // 10_000 % 1000:03d} {number // 100 % 100:02d} {number % 100:02d}",
                birth,
                "Kadın",
                rng.choice(neighbourhoods),
            ]
        )
    return buffer.getvalue().encode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()

    from bench._setup import setup

    setup()
    from django.core.files.base import ContentFile
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from assemblies import roster
    from assemblies.models import AssemblyPage, Membership, RosterImport
    from places.models import Neighbourhood

    assembly = AssemblyPage.objects.get(slug="kadin-meclisi")
    coordinator = User.objects.get(email="kadin@kentkonseyi.test")
    client = Client()
    client.force_login(coordinator)

    def listing_queries():
        client.get("/admin/members/")
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/admin/members/")
        assert response.status_code == 200
        return len(queries)

    Membership.objects.filter(assembly=assembly).delete()
    for number in range(20):
        Membership.objects.create(assembly=assembly, full_name=f"Üye {number}", email=f"ilk{number}@ornek.test")
    small = listing_queries()

    content = roster_csv(args.rows, list(Neighbourhood.objects.values_list("name", flat=True)))
    roster_import = RosterImport.objects.create(assembly=assembly, original_name="uyeler.csv", created_by=coordinator)
    roster_import.file.save("uyeler.csv", ContentFile(content))

    started = time.perf_counter()
    roster.check(roster_import)
    checked = time.perf_counter()
    roster.confirm(roster_import)
    finished = time.perf_counter()
    roster_import.refresh_from_db()
    total = Membership.objects.filter(assembly=assembly).count()
    large = listing_queries()

    print(f"database: {connection.vendor}")
    print(f"rows in file:           {args.rows}")
    print(
        f"new / duplicate / error: {roster_import.new_count} / {roster_import.duplicate_count} / {roster_import.error_count}"
    )
    print(f"dry run:                {checked - started:6.1f} s")
    print(f"confirm (import):       {finished - checked:6.1f} s")
    print(f"dry run + confirm:      {finished - started:6.1f} s   (target ≤ 20 s)")
    print(f"members listing queries: {small} with 20 members, {large} with {total} members")


if __name__ == "__main__":
    main()
