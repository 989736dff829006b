"""Çözüm Postası at district scale: 5,000 recipients, about 50 routes, every route sheet in one PDF.

    .venv/bin/python bench/distribution.py [--recipients 5000] [--max-stops 135]

Builds the demo site in a throwaway database (BENCH_DATABASE_URL for PostgreSQL),
adds `--recipients` recipients spread over the 37 mahalleler as the 2020 report's
cases are (mahalleler-2020.csv), most with a position, then times what a
coordinator waits for: the routes built in walking order (`planning.build_routes`)
and the PDF of all route sheets written (the admin's view, through Django's test
client). Target (issue 8): both together ≤ 3 s.
"""

import argparse
import csv
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "mahalleler-2020.csv"


def weights():
    with open(SEED, encoding="utf-8") as rows:
        return {row["mahalle"]: int(row["sikayet_talep_2020"]) for row in csv.DictReader(rows)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=5000)
    parser.add_argument("--max-stops", type=int, default=135)
    parser.add_argument("--profile", action="store_true", help="print where building the routes spends its time")
    args = parser.parse_args()

    from bench._setup import setup

    setup()
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from distribution import demo, planning
    from distribution.models import Distribution, Publication, Recipient, Route, Stop
    from places.models import Neighbourhood

    rng = random.Random(8)
    places = {place.name: place for place in demo._places()}
    shares = weights()
    names = list(shares)
    chosen = rng.choices(names, weights=[shares[name] for name in names], k=args.recipients)
    Stop.objects.all().delete()
    Route.objects.all().delete()
    Recipient.objects.all().delete()  # the demo's own, so the book holds exactly --recipients
    recipients = []
    for number, name in enumerate(chosen):
        place = places.get(name) or Neighbourhood.objects.get(name=name)
        latitude, longitude = place.centre
        positioned = rng.random() > 0.1
        recipients.append(
            Recipient(
                kind=rng.choice(Recipient.Kind.values),
                name=f"Alıcı {number:05d} {name}",
                neighbourhood=place,
                street=rng.choice(demo.STREETS),
                building_no=str(rng.randint(1, 150)) + rng.choice(["", "", "A"]),
                latitude=round(latitude + rng.uniform(-0.006, 0.006), 6) if positioned else None,
                longitude=round(longitude + rng.uniform(-0.008, 0.008), 6) if positioned else None,
            )
        )
    for recipient in recipients:
        recipient.sort_key = recipient.name
        recipient.match_key = recipient.compute_match_key()
    Recipient.objects.bulk_create(recipients, batch_size=1000)
    publication = Publication.objects.create(kind=Publication.Kind.CULTURE_BULLETIN, title="Kültür Bülteni")
    distribution = Distribution.objects.create(publication=publication, max_stops=args.max_stops, default_quantity=2)
    client = Client()
    client.force_login(User.objects.get(email=demo.COORDINATOR[0]))
    print(f"database: {connection.vendor}; {Recipient.objects.active().count():,} active recipients")

    if args.profile:
        import cProfile

        cProfile.runctx("planning.build_routes(distribution)", globals(), locals(), sort="cumulative")
    builds, prints, pages = [], [], 0
    for _ in range(3):
        started = time.perf_counter()
        routes = planning.build_routes(distribution).count()
        builds.append(time.perf_counter() - started)
        started = time.perf_counter()
        response = client.get(f"/admin/distribution/{distribution.pk}/sheets.pdf")
        prints.append(time.perf_counter() - started)
        assert response.status_code == 200
        pages = response.content.count(b"/Type /Page\n") or response.content.count(b"/Type /Page")
    build, write = statistics.median(builds), statistics.median(prints)
    stops = Stop.objects.filter(route__distribution=distribution).count()
    print(f"routes built and ordered: {routes} routes, {stops:,} stops, median {build * 1000:.0f} ms")
    print(f"route sheets PDF: about {pages} pages, {len(response.content) / 1024:.0f} KB, median {write * 1000:.0f} ms")
    print(f"together: {(build + write) * 1000:.0f} ms   (target ≤ 3000 ms)")


if __name__ == "__main__":
    main()
