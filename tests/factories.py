"""factory_boy factories for the portal's models (wagtail-factories for pages)."""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from accounts.models import User
from assemblies.models import AssemblyIndexPage, AssemblyPage
from home.models import HomePage, NewsIndexPage, NewsPage, StandardPage

PASSWORD = "Kent-Konseyi-2026!"


class UserFactory(DjangoModelFactory):
    email = factory.Sequence(lambda n: f"kisi{n}@example.org")
    first_name = "Ayşe"
    last_name = factory.Sequence(lambda n: f"Yılmaz{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Meta:
        model = User
        skip_postgeneration_save = True

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Ümraniye Kent Konseyi"
    slug = "anasayfa"
    intro = "Vatandaşların ve kurumların kent kararlarına katılımı için."
    purpose = "<p>Katılım ve yerinden yönetim ilkeleri.</p>"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = "Kent Konseyi"
    intro = "Ümraniye Belediye Meclisi'nin 01/05/2006 tarih ve 36 sayılı kararı ile kuruldu."

    class Meta:
        model = StandardPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Haberler"
    slug = "haberler"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Meclis haberi {n}")
    slug = factory.Sequence(lambda n: f"meclis-haberi-{n}")
    intro = "Kent Konseyi'nden bir haber."
    date = factory.Sequence(lambda n: datetime.date(2026, 11, 1) - datetime.timedelta(days=n))

    class Meta:
        model = NewsPage


class AssemblyIndexPageFactory(wagtail_factories.PageFactory):
    title = "Meclisler"
    slug = "meclisler"

    class Meta:
        model = AssemblyIndexPage


class AssemblyPageFactory(wagtail_factories.PageFactory):
    title = "Kadın Meclisi"
    slug = factory.Sequence(lambda n: f"meclis-{n}")
    intro = "Çalışma grupları ve girişimcilik komisyonu."

    class Meta:
        model = AssemblyPage


class MembershipFactory(DjangoModelFactory):
    full_name = factory.Sequence(lambda n: f"Üye Kişi {n}")
    email = factory.Sequence(lambda n: f"uye{n}@example.org")
    phone = factory.Sequence(lambda n: f"0532 100 {n // 100 % 100:02d} {n % 100:02d}")
    birth_date = datetime.date(1990, 5, 17)
    gender = "female"

    class Meta:
        model = "assemblies.Membership"
