"""Following an assembly, a body or an opinion, and the weekly digest of what changed in them."""

import datetime
import json

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from accounts import personal_data
from council import digest, following, retention
from council.models import Body, CouncilPage, Follow, FollowDigest, Meeting, Opinion, OpinionStep
from outbox.models import Message
from tests.conftest import publish, translate

WEEK = datetime.timedelta(days=7)


@pytest.fixture
def council_page(home_page):
    return publish(CouncilPage(title="Kurullar ve Görüşler", slug="kurullar"), home_page)


@pytest.fixture
def body(db):
    return Body.objects.create(name="Yürütme Kurulu", slug="yurutme-kurulu", kind=Body.Kind.EXECUTIVE)


@pytest.fixture
def other_body(db):
    return Body.objects.create(name="Genel Kurul", slug="genel-kurul", kind=Body.Kind.GENERAL_ASSEMBLY)


def make_opinion(body, sequence=1, **fields):
    return Opinion.objects.create(
        year=2026, sequence=sequence, title=f"Sokak hayvanları {sequence}", summary="Görüş metni.", body=body, **fields
    )


def make_meeting(body, announced_at, starts_at=None, **fields):
    """A meeting of `body` whose invitations went out at `announced_at` (None: convened, not announced)."""
    return Meeting.objects.create(
        body=body,
        starts_at=starts_at or (announced_at or timezone.now()) + datetime.timedelta(days=10),
        place="Kent Konseyi toplantı salonu",
        invitations_sent_at=announced_at,
        **fields,
    )


def digest_messages():
    return list(Message.objects.filter(subject__contains="Kent Konseyi"))


def start_following(user, thing, language="tr", since=None):
    """`user` follows `thing`; their digest counts changes from `since` (a week ago by default)."""
    following.follow(user, thing, language=language)
    FollowDigest.objects.filter(user=user).update(created_at=since or timezone.now() - WEEK)


# Follow and unfollow


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_log_in_and_nothing_is_followed(client, body):
    response = client.post(reverse("council:follow", args=["body", body.pk]), {"next": "/kurullar/"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=%2Fkurullar%2F" in response["Location"]
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_a_citizen_follows_a_body_once_and_unfollows_it(client, user, body):
    client.force_login(user)
    url = reverse("council:follow", args=["body", body.pk])
    assert client.post(url, {"next": "/kurullar/"})["Location"] == "/kurullar/"
    client.post(url)  # a double click
    assert Follow.objects.filter(user=user, body=body).count() == 1
    assert FollowDigest.objects.get(user=user).language == "tr"

    response = client.post(reverse("council:unfollow", args=["body", body.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("council:my_follows")  # only a local address is followed back
    assert not Follow.objects.filter(user=user).exists()
    assert not FollowDigest.objects.filter(user=user).exists()  # nothing left to tell


@pytest.mark.django_db
def test_follow_is_post_only_and_a_hidden_body_cannot_be_followed(client, user, body):
    client.force_login(user)
    assert client.get(reverse("council:follow", args=["body", body.pk])).status_code == 405
    body.is_public = False
    body.save()
    assert client.post(reverse("council:follow", args=["body", body.pk])).status_code == 404
    assert client.post(reverse("council:follow", args=["seat", body.pk])).status_code == 404
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_following_an_assembly_in_english_follows_the_assembly_and_writes_in_english(
    client, user, assembly, english_home_page, locales
):
    english = translate(assembly.get_parent().specific, locales[1], title="Assemblies", slug="assemblies")
    english_assembly = translate(assembly, locales[1], title="Women's Assembly", slug="womens-assembly")
    assert english.pk
    client.force_login(user)
    translation.activate("en")
    client.post(reverse("council:follow", args=["assembly", english_assembly.pk]))
    follow = Follow.objects.get(user=user)
    assert follow.assembly_id == assembly.pk  # the default language's page, whatever was read
    assert FollowDigest.objects.get(user=user).language == "en"
    assert following.is_following(user, english_assembly)


@pytest.mark.django_db
def test_the_assembly_page_shows_a_follow_button_or_a_sign_in_link(client, user, assembly):
    response = client.get(assembly.url)
    html = response.content.decode()
    assert "Takip etmek için oturum açın" in html
    assert "csrfmiddlewaretoken" not in html  # the anonymous page stays cacheable

    client.force_login(user)
    html = client.get(assembly.url).content.decode()
    assert reverse("council:follow", args=["assembly", assembly.pk]) in html
    client.post(reverse("council:follow", args=["assembly", assembly.pk]), {"next": assembly.url})
    html = client.get(assembly.url).content.decode()
    assert reverse("council:unfollow", args=["assembly", assembly.pk]) in html
    assert "Takibi bırak" in html


@pytest.mark.django_db
def test_the_body_page_shows_the_follow_button(client, user, body, council_page):
    url = council_page.url + council_page.reverse_subpage("body", kwargs={"slug": body.slug})
    assert "Takip etmek için oturum açın" in client.get(url).content.decode()
    client.force_login(user)
    following.follow(user, body)
    html = client.get(url).content.decode()
    assert reverse("council:unfollow", args=["body", body.pk]) in html


@pytest.mark.django_db
def test_two_people_do_not_see_or_touch_each_others_follows(client, user, other_user, body, other_body):
    opinion = make_opinion(other_body)
    following.follow(user, body)
    following.follow(other_user, opinion)
    client.force_login(user)
    page = client.get(reverse("council:my_follows")).content.decode()
    assert "Yürütme Kurulu" in page
    assert opinion.title not in page
    client.post(reverse("council:unfollow", args=["opinion", opinion.pk]))
    assert Follow.objects.filter(user=other_user, opinion=opinion).exists()

    now = timezone.now()
    FollowDigest.objects.update(created_at=now - WEEK)
    make_meeting(body, announced_at=now - datetime.timedelta(days=1))
    OpinionStep.objects.create(opinion=opinion, kind=OpinionStep.Kind.SENT, date=now.date(), recorded_at=now)
    digest.send_due(now + datetime.timedelta(minutes=1))
    mine, theirs = (Message.objects.get(recipient=person.email) for person in (user, other_user))
    assert "Yürütme Kurulu" in mine.body and opinion.title not in mine.body
    assert opinion.title in theirs.body and "Yürütme Kurulu" not in theirs.body


@pytest.mark.django_db
def test_the_list_of_follows_is_linked_from_the_account_and_lists_with_unfollow_buttons(
    client, user, body, council_page, django_assert_max_num_queries
):
    opinions = [make_opinion(body, sequence) for sequence in range(1, 6)]
    following.follow(user, body)
    for opinion in opinions:
        following.follow(user, opinion)
    client.force_login(user)
    assert reverse("council:my_follows") in client.get(reverse("accounts:profile")).content.decode()
    with django_assert_max_num_queries(20):  # the page frame; none per follow
        page = client.get(reverse("council:my_follows")).content.decode()
    assert page.count(">Takibi bırak<") == 6
    assert "/kurullar/kurul/yurutme-kurulu/" in page
    assert "/kurullar/gorusler/2026-3/" in page


# The digest


@pytest.mark.django_db
def test_nothing_changed_no_email(user, body):
    start_following(user, body)
    make_meeting(body, announced_at=timezone.now() - datetime.timedelta(days=30))  # older than the follow
    assert digest.send_due() == 0
    assert not digest_messages()
    assert FollowDigest.objects.get(user=user).last_built_at is not None


@pytest.mark.django_db
def test_a_new_meeting_minutes_and_a_step_are_told_exactly_once(user, body, council_page):
    now = timezone.now()
    opinion = make_opinion(body)
    start_following(user, body, since=now - WEEK)
    meeting = make_meeting(body, announced_at=now - datetime.timedelta(days=2), title="Mart toplantısı")
    old = make_meeting(
        body,
        announced_at=now - datetime.timedelta(days=40),
        starts_at=now - datetime.timedelta(days=35),
        title="Şubat toplantısı",
        minutes_approved_at=now - datetime.timedelta(days=1),
    )
    OpinionStep.objects.create(
        opinion=opinion, kind=OpinionStep.Kind.SENT, date=now.date(), recorded_at=now - datetime.timedelta(hours=3)
    )

    assert digest.send_due(now) == 1
    [message] = digest_messages()
    assert message.recipient == user.email
    assert message.language == "tr"
    assert "Yeni toplantılar" in message.body and "Mart toplantısı" in message.body
    assert "Yeni yayımlanan tutanaklar" in message.body and "Şubat toplantısı" in message.body
    assert "2026/1 Sokak hayvanları 1: Belediyeye iletildi" in message.body
    assert f"/kurullar/toplantilar/{meeting.pk}/" in message.body
    assert f"/kurullar/toplantilar/{old.pk}/" in message.body
    assert "/kurullar/gorusler/2026-1/" in message.body
    assert "<a href=" in message.html  # and an HTML part with the same links

    assert digest.send_due(now + WEEK) == 0  # a week later, nothing new: nothing sent
    assert digest.send_due(now + 3 * WEEK) == 0
    assert len(digest_messages()) == 1


@pytest.mark.django_db
def test_a_digest_is_built_at_most_once_a_week(user, body):
    now = timezone.now()
    start_following(user, body, since=now - WEEK)
    make_meeting(body, announced_at=now - datetime.timedelta(hours=1))
    assert digest.send_due(now) == 1
    make_meeting(body, announced_at=now + datetime.timedelta(hours=1))
    assert digest.send_due(now + datetime.timedelta(days=1)) == 0  # the command run again the next day
    assert digest.send_due(now + WEEK) == 1  # told on the weekly run
    assert len(digest_messages()) == 2


@pytest.mark.django_db
def test_an_assemblys_follower_is_told_of_its_bodies_meetings_and_opinions(user, assembly, body, other_body):
    now = timezone.now()
    board = Body.objects.create(
        name="Kadın Meclisi Yürütme Kurulu", slug="kadin-yk", kind=Body.Kind.ASSEMBLY_BOARD, assembly=assembly
    )
    start_following(user, assembly, since=now - WEEK)
    make_meeting(board, announced_at=now - datetime.timedelta(days=1), title="Kadın Meclisi toplantısı")
    make_meeting(other_body, announced_at=now - datetime.timedelta(days=1), title="Genel Kurul toplantısı")
    opinion = make_opinion(board)
    OpinionStep.objects.create(opinion=opinion, kind=OpinionStep.Kind.FORMED, date=now.date(), recorded_at=now)
    digest.send_due(now + datetime.timedelta(minutes=1))
    [message] = digest_messages()
    assert "Kadın Meclisi toplantısı" in message.body
    assert "Genel Kurul toplantısı" not in message.body
    assert opinion.title in message.body


@pytest.mark.django_db
def test_drafts_and_hidden_opinions_are_not_told(user, body):
    now = timezone.now()
    start_following(user, body, since=now - WEEK)
    make_meeting(body, announced_at=None)  # convened, invitations not sent: the secretariat's draft
    make_meeting(body, announced_at=None, cancelled_at=now)
    hidden = make_opinion(body, is_public=False)
    OpinionStep.objects.create(opinion=hidden, kind=OpinionStep.Kind.FORMED, date=now.date(), recorded_at=now)
    assert digest.send_due(now + datetime.timedelta(minutes=1)) == 0


@pytest.mark.django_db
def test_an_announced_meeting_called_off_is_told(user, body):
    now = timezone.now()
    start_following(user, body, since=now - WEEK)
    make_meeting(body, announced_at=now - 2 * WEEK, title="Nisan toplantısı", cancelled_at=now - datetime.timedelta(1))
    assert digest.send_due(now) == 1
    [message] = digest_messages()
    assert "İptal edilen toplantılar" in message.body and "Nisan toplantısı" in message.body
    assert "Yeni toplantılar" not in message.body


@pytest.mark.django_db
def test_the_digest_is_written_in_the_followers_language(user, other_user, body, council_page, english_home_page):
    now = timezone.now()
    start_following(user, body, language="en", since=now - WEEK)
    start_following(other_user, body, language="tr", since=now - WEEK)
    make_meeting(body, announced_at=now - datetime.timedelta(days=1))
    translation.activate("tr")
    assert digest.send_due(now) == 2
    english = Message.objects.get(recipient=user.email)
    turkish = Message.objects.get(recipient=other_user.email)
    assert "What changed this week in what you follow" in english.subject
    assert "New meetings" in english.body and "/en/konsey/takip/" in english.body
    assert english.language == "en"
    assert "Takip ettiklerinizde bu hafta neler değişti" in turkish.subject
    assert "Yeni toplantılar" in turkish.body and "/en/" not in turkish.body


@pytest.mark.django_db
def test_the_digest_stops_in_one_click_without_logging_in(client, user, body):
    now = timezone.now()
    start_following(user, body, since=now - WEEK)
    make_meeting(body, announced_at=now - datetime.timedelta(days=1))
    digest.send_due(now)
    [message] = digest_messages()
    token = FollowDigest.objects.get(user=user).token
    stop_url = reverse("council:stop_digest", args=[token])
    assert message.headers["List-Unsubscribe"].endswith(f"{stop_url}>")
    assert message.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert stop_url in message.body

    page = client.get(stop_url)  # a link checker or a preview opening the link stops nothing
    assert page.status_code == 200 and Follow.objects.filter(user=user).exists()
    # The mail program's one-click POST (RFC 8058): no session, no CSRF token.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(stop_url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Follow.objects.filter(user=user).exists()
    assert not FollowDigest.objects.filter(user=user).exists()
    assert "kullanılmış" in client.get(stop_url).content.decode()  # the link is spent


@pytest.mark.django_db
def test_the_stop_page_button_works_without_logging_in(client, user, body):
    start_following(user, body)
    token = FollowDigest.objects.get(user=user).token
    response = client.post(reverse("council:stop_digest", args=[token]))
    assert response.status_code == 200
    assert "Artık hiçbir şeyi takip etmiyorsunuz" in response.content.decode()
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_the_digest_builder_asks_the_same_queries_for_one_follow_or_many(
    user, body, other_body, assembly, django_assert_max_num_queries
):
    now = timezone.now()
    start_following(user, body, since=now - WEEK)
    with django_assert_max_num_queries(3):
        few = digest.collect(user.pk, now - WEEK, now)

    start_following(user, other_body, since=now - WEEK)
    start_following(user, assembly, since=now - WEEK)
    for sequence in range(1, 21):
        opinion = make_opinion(other_body if sequence % 2 else body, sequence)
        start_following(user, opinion, since=now - WEEK)
        OpinionStep.objects.create(opinion=opinion, kind=OpinionStep.Kind.FORMED, date=now.date(), recorded_at=now)
        make_meeting(body, announced_at=now - datetime.timedelta(hours=sequence))
    with django_assert_max_num_queries(3):
        many = digest.collect(user.pk, now - WEEK, now)
    assert not few and len(many.steps) == 20 and len(many.meetings) == 20


@pytest.mark.django_db
def test_sending_the_digests_does_not_ask_more_per_follow(user, body, council_page, django_assert_max_num_queries):
    now = timezone.now()
    start_following(user, body, since=now - WEEK)
    for sequence in range(1, 16):
        opinion = make_opinion(body, sequence)
        following.follow(user, opinion)
        OpinionStep.objects.create(opinion=opinion, kind=OpinionStep.Kind.FORMED, date=now.date(), recorded_at=now)
        make_meeting(body, announced_at=now - datetime.timedelta(hours=sequence))
    with django_assert_max_num_queries(20):
        assert digest.send_due(now + datetime.timedelta(minutes=1)) == 1


@pytest.mark.django_db
def test_the_command_sends_the_digests(user, body):
    from io import StringIO

    from django.core.management import call_command

    start_following(user, body)
    make_meeting(body, announced_at=timezone.now() - datetime.timedelta(hours=1))
    out = StringIO()
    call_command("send_council_digest", "--schedule", stdout=out)
    assert "1 digests sent." in out.getvalue()
    assert len(digest_messages()) == 1


def test_the_weekly_run_is_monday_morning_in_istanbul():
    sunday_evening = timezone.make_aware(datetime.datetime(2026, 12, 6, 20, 0))
    monday = digest.next_run(sunday_evening)
    assert timezone.localtime(monday).weekday() == 0 and timezone.localtime(monday).hour == 9
    assert digest.next_run(monday) == monday + WEEK


# Personal data


@pytest.mark.django_db
def test_follows_are_in_the_data_download_and_go_with_the_account(user, other_user, body):
    following.follow(user, body)
    following.follow(other_user, body)
    data = json.loads(json.dumps(personal_data.export(user)))
    assert data["council_follows"]["follows"][0]["name"] == "Yürütme Kurulu"
    assert data["council_follows"]["digest"]["language"] == "tr"
    personal_data.erase(user)
    assert not Follow.objects.filter(user_id=user.pk).exists()
    assert not FollowDigest.objects.filter(user_id=user.pk).exists()
    assert Follow.objects.filter(user=other_user).exists()


@pytest.mark.django_db
def test_follows_of_an_ended_opinion_are_deleted_after_the_period(user, other_user, body):
    today = timezone.localdate()
    ended = make_opinion(body, 1)
    ongoing = make_opinion(body, 2)
    Opinion.objects.filter(pk=ended.pk).update(status=Opinion.Status.DONE, status_on=today - datetime.timedelta(100))
    Opinion.objects.filter(pk=ongoing.pk).update(status=Opinion.Status.SENT, status_on=today - datetime.timedelta(100))
    following.follow(user, ended)
    following.follow(other_user, ended)
    following.follow(other_user, ongoing)
    [rule] = [rule for rule in personal_data.retention_rules() if rule.name == "ended_opinion_follows"]
    now = timezone.now()
    counts = rule.apply(rule.cutoff(now), now, 500)
    assert counts == {"ended_opinion_follows": 2, "digests": 1}
    assert not FollowDigest.objects.filter(user=user).exists()
    assert list(Follow.objects.values_list("opinion_id", flat=True)) == [ongoing.pk]
    assert not rule.due(rule.cutoff(now)).exists()
    assert retention.DEFAULT_ENDED_OPINION_FOLLOW_DAYS == 90
    assert not mail.outbox
