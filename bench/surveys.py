"""Survey results and exports at scale.

    .venv/bin/python bench/surveys.py [--results 100000] [--export 250000]

Builds the demo site in a throwaway database (BENCH_DATABASE_URL for PostgreSQL),
adds a survey of nine questions (choices, several choices, a scale, a four-row
matrix, a ranking, a number, a mahalle and a text), then prints:
- the time to count the results over `--results` answers (median of 5, the
  figures alone and the whole results page through Django's test client);
- with `--export` answers, the time and memory of the CSV and XLSX exports, each
  measured in a fresh process: peak Python allocations while streaming
  (tracemalloc) and the growth of the process's peak resident memory.
Targets (issue 5): results ≤ 1 s; export streamed with peak memory ≤ 100 MB.
"""

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BATCH = 5000


def build_survey():
    from assemblies.models import AssemblyPage
    from surveys.models import Question, SurveyPage

    K = Question.Kind
    parent = AssemblyPage.objects.get(locale__language_code="tr", slug="genclik-meclisi")
    survey = SurveyPage(title="Ölçek anketi", slug="olcek-anketi", intro="Benchmark.", audience="signed_in")
    survey.questions = [
        Question(kind=K.SINGLE, label="Ulaşım", choices="Otobüs\nMetro\nMarmaray\nYürüyüş"),
        Question(kind=K.MULTIPLE, label="İlgi alanları", choices="Spor\nMüzik\nKodlama\nGönüllülük\nGezi"),
        Question(kind=K.SCALE, label="Memnuniyet", scale_size=10),
        Question(kind=K.MATRIX, label="Olanaklar", rows="Spor tesisleri\nKütüphaneler\nBilgi Evleri\nUlaşım"),
        Question(kind=K.RANKING, label="Öncelik", choices="Park\nKütüphane\nSpor salonu"),
        Question(kind=K.NUMBER, label="Saat", number_min=0, number_max=40),
        Question(kind=K.YES_NO, label="Gönüllü olur musunuz?"),
        Question(kind=K.NEIGHBOURHOOD, label="Mahalle"),
        Question(kind=K.LONG_TEXT, label="Öneri", required=False),
    ]
    for position, question in enumerate(survey.questions.all()):
        question.sort_order = position
    parent.add_child(instance=survey)
    survey.save_revision().publish()
    survey.refresh_from_db()
    return survey


def add_answers(survey, count, offset):
    """`count` answers stored as `responses.save` stores them, in bulk."""
    from django.utils import timezone

    from places.models import Neighbourhood
    from surveys import responses
    from surveys.models import Answer, Response

    rng = random.Random(offset)
    questions = survey.question_list()
    by_label = {question.label: question for question in questions}
    places = list(Neighbourhood.objects.values_list("pk", flat=True))
    options = {label: [key for key, _text in question.choice_list()] for label, question in by_label.items()}
    rows = [key for key, _text in by_label["Olanaklar"].row_list()]
    today = timezone.localdate()
    for start in range(offset, offset + count, BATCH):
        batch, parts = [], []
        for number in range(start, min(start + BATCH, offset + count)):
            ranked = rng.sample(options["Öncelik"], 3)
            answers = {
                by_label["Ulaşım"].key: rng.choice(options["Ulaşım"]),
                by_label["İlgi alanları"].key: rng.sample(options["İlgi alanları"], rng.randint(1, 3)),
                by_label["Memnuniyet"].key: rng.randint(1, 10),
                by_label["Olanaklar"].key: {row: rng.randint(1, 5) for row in rows},
                by_label["Öncelik"].key: {key: place for place, key in enumerate(ranked, start=1)},
                by_label["Saat"].key: str(rng.randint(0, 40)),
                by_label["Gönüllü olur musunuz?"].key: rng.choice(["yes", "no"]),
                by_label["Mahalle"].key: str(rng.choice(places)),
            }
            if number % 7 == 0:
                answers[by_label["Öneri"].key] = "Akşam saatlerinde daha çok etkinlik olsun."
            batch.append(
                Response(
                    survey=survey,
                    respondent=f"bench-{number}",
                    answers=answers,
                    submitted_on=today,
                    age_group=rng.choice(["18-29", "30-44"]),
                    neighbourhood_id=answers[by_label["Mahalle"].key],
                )
            )
        Response.objects.bulk_create(batch)
        stored = dict(
            Response.objects.filter(survey=survey, respondent__in=[r.respondent for r in batch]).values_list(
                "respondent", "pk"
            )
        )
        for response in batch:
            for part in responses.parts_of(survey, questions, response.answers):
                part.response_id = stored[response.respondent]
                parts.append(part)
        Answer.objects.bulk_create(parts, batch_size=BATCH * 4)


def analyse():
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def timed(function, runs=5):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure_export(survey_pk, export_format):
    """Run in a fresh process: stream the export to nowhere and report time and memory."""
    import tracemalloc

    import django

    django.setup()
    from surveys import export
    from surveys.models import SurveyPage

    survey = SurveyPage.objects.get(pk=survey_pk)

    def stream():
        response = export.csv_response(survey) if export_format == "csv" else export.xlsx_response(survey)
        return sum(len(chunk) for chunk in response.streaming_content)

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    size = stream()
    elapsed = time.perf_counter() - started
    tracemalloc.start()  # a second pass, since tracing slows Python down
    stream()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": round(elapsed, 1),
                "bytes": size,
                "peak_python_mb": round(peak / 2**20, 1),
                "rss_growth_mb": round((rss_after - rss_before) / 1024, 1),
                "rss_peak_mb": round(rss_after / 1024, 1),
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=int, default=100_000)
    parser.add_argument("--export", type=int, default=250_000)
    parser.add_argument("--measure-export", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_export:
        measure_export(int(args.measure_export[0]), args.measure_export[1])
        return

    from bench._setup import setup

    setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from surveys import results

    settings.ALLOWED_HOSTS = ["*"]
    survey = build_survey()
    started = time.perf_counter()
    add_answers(survey, args.results, 0)
    analyse()
    print(f"{connection.vendor}: {args.results:,} answers stored in {time.perf_counter() - started:.0f} s")

    admin = User.objects.create_superuser(email="bench@example.org", password="x")
    client = Client()
    client.force_login(admin)
    url = survey.url + "sonuclar/"
    client.get(url)
    figures = timed(lambda: results.report(survey, include_texts=True))
    page = timed(lambda: client.get(url))
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    print(
        f"results over {args.results:,} answers: figures {figures * 1000:.0f} ms, page {page * 1000:.0f} ms (median of 5), {len(queries)} queries (target ≤ 1 s)"
    )

    if args.export > args.results:
        add_answers(survey, args.export - args.results, args.results)
        analyse()
    environment = dict(os.environ)
    for export_format in ("csv", "xlsx"):
        output = subprocess.run(
            [sys.executable, __file__, "--measure-export", str(survey.pk), export_format],
            capture_output=True,
            text=True,
            env=environment,
            check=True,
        ).stdout
        figures = json.loads(output.strip().splitlines()[-1])
        print(
            f"{export_format} export of {max(args.export, args.results):,} answers: {figures['seconds']} s, "
            f"{figures['bytes'] / 2**20:.1f} MB written; peak Python allocations {figures['peak_python_mb']} MB, "
            f"peak resident memory grew {figures['rss_growth_mb']} MB (process peak {figures['rss_peak_mb']} MB) "
            f"(target ≤ 100 MB)"
        )


if __name__ == "__main__":
    main()
