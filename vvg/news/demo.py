"""Demo news of the Ignalina town VVG, for `load_demo_content` (facts from the VVG's project text)."""

import datetime

from wagtail.rich_text import RichText

from .models import NewsIndexPage, NewsPage

INDEX_SLUG = "naujienos"

NEWS = [
    {
        "slug": "strategija-itraukta-i-finansuojamu-sarasa",
        "date": datetime.date(2024, 7, 29),
        "title": "Ignalinos miesto vietos plėtros strategija įtraukta į finansuojamų strategijų sąrašą",
        "intro": (
            "Lietuvos Respublikos vidaus reikalų ministro 2024 m. liepos 29 d. įsakymu Nr. 1V-478 "
            "Ignalinos miesto 2024–2029 m. vietos plėtros strategija įtraukta į finansuojamų strategijų sąrašą."
        ),
        "body": [
            "Strategijos tikslas – mažinti socialiai pažeidžiamų grupių socialinę atskirtį skatinant jų aktyvią "
            "įtrauktį į bendruomenines veiklas, gerinant jiems teikiamas paslaugas ir gerinant ekonominę verslo "
            "situaciją Ignalinos mieste.",
            "Šiam tikslui pasiekti numatyti du uždaviniai: spręsti socialines problemas ir skatinti vietos "
            "bendruomenės verslumą, socialinio verslo steigimą bei vystymą.",
        ],
        "tags": ["strategija"],
    },
    {
        "slug": "pasirasyta-paramos-sutartis-su-cpva",
        "date": datetime.date(2024, 12, 10),
        "title": "Pasirašyta strategijos įgyvendinimo administravimo projekto paramos sutartis",
        "intro": (
            "Ignalinos miesto vietos veiklos grupė 2024 m. gruodžio 10 d. su VšĮ Centrine projektų valdymo "
            "agentūra pasirašė paramos sutartį Nr. 11-008-T-0009."
        ),
        "body": [
            "Sutartimi finansuojamas projektas „Ignalinos miesto 2024–2029 m. vietos plėtros strategijos "
            "įgyvendinimo administravimas“. Jo tikslas – pasitelkiant aktyvų vietos bendruomenės dalyvavimą "
            "įgyvendinti strategijoje iškeltus uždavinius.",
            "Projektu bus rengiami vietos projektų atrankos dokumentai, mokomi ir konsultuojami projektų "
            "rengėjai ir vykdytojai, prižiūrimas strategijos įgyvendinimas ir informuojama visuomenė.",
        ],
        "tags": ["strategija", "CPVA"],
    },
    {
        "slug": "valdyba-patvirtino-atrankos-kriterijus",
        "date": datetime.date(2025, 9, 18),
        "title": "Valdyba patvirtino vietos projektų atrankos kriterijus",
        "intro": (
            "Ignalinos miesto VVG valdyba patvirtino vietos projektų atrankos kriterijus, pagal kuriuos bus "
            "vertinamos pirmojo kvietimo paraiškos."
        ),
        "body": [
            "Kriterijai parengti pagal strategijos uždavinius: pirmenybė teikiama projektams, kurie įtraukia "
            "socialiai pažeidžiamų grupių žmones į bendruomenines veiklas ir kuria darbo vietas mieste.",
            "Kiekvienam kriterijui nustatytas didžiausias balų skaičius ir tai, kaip jis tikrinamas.",
        ],
        "tags": ["valdyba", "atranka"],
    },
    {
        "slug": "paskelbtas-pirmasis-kvietimas",
        "date": datetime.date(2026, 3, 2),
        "title": "Paskelbtas pirmasis kvietimas teikti vietos projektus",
        "intro": (
            "Ignalinos miesto VVG skelbia pirmąjį kvietimą teikti vietos plėtros projektus pagal Ignalinos "
            "miesto 2024–2029 m. vietos plėtros strategiją."
        ),
        "body": [
            "Kviečiame nevyriausybines organizacijas, bendruomenes ir verslo subjektus teikti projektus, "
            "kurie mažina socialinę atskirtį ir skatina vietos verslumą.",
            "Kvietimo sąlygos, paraiškos forma ir kiti dokumentai skelbiami skiltyje „Kvietimai“.",
        ],
        "tags": ["kvietimai"],
    },
    {
        "slug": "informacinis-renginys-pareiskejams",
        "date": datetime.date(2026, 3, 16),
        "title": "Informacinis renginys vietos projektų pareiškėjams",
        "intro": (
            "Kviečiame į informacinį renginį, kuriame pristatysime pirmojo kvietimo sąlygas ir atsakysime "
            "į pareiškėjų klausimus."
        ),
        "body": [
            "Renginyje aptarsime, kas gali teikti paraiškas, kokios veiklos ir išlaidos yra tinkamos ir kaip "
            "bus vertinami projektai.",
            "Dalyvauti kviečiami visi, kurie ketina teikti vietos projektą; registracija – skiltyje „Renginiai“.",
        ],
        "tags": ["renginiai", "kvietimai"],
    },
    {
        "slug": "mokymai-projektu-rengejams",
        "date": datetime.date(2026, 11, 5),
        "title": "Mokymai vietos projektų rengėjams ir vykdytojams",
        "intro": (
            "Ignalinos miesto VVG organizuoja mokymus, kaip parengti vietos projekto paraišką ir sklandžiai "
            "įgyvendinti finansuotą projektą."
        ),
        "body": [
            "Mokymuose nagrinėsime projekto idėjos derinimą su strategijos uždaviniais, biudžeto sudarymą, "
            "viešinimo reikalavimus ir atsiskaitymą už projektą.",
            "Po mokymų VVG darbuotojai teiks individualias konsultacijas projektų rengėjams.",
        ],
        "tags": ["mokymai"],
    },
]


def _body(paragraphs):
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs]


def build_news_demo(home_page):
    """Create the news index under home_page and the demo news that are missing; return the pages created."""
    created = []
    news_index = NewsIndexPage.objects.child_of(home_page).filter(slug=INDEX_SLUG).first()
    if news_index is None:
        news_index = home_page.add_child(
            instance=NewsIndexPage(
                title="Naujienos",
                slug=INDEX_SLUG,
                intro="Ignalinos miesto vietos veiklos grupės naujienos: kvietimai, renginiai, mokymai ir sprendimai.",
                show_in_menus=True,
                live=False,
            )
        )
        news_index.save_revision().publish()
        created.append(news_index)

    existing = set(NewsPage.objects.child_of(news_index).values_list("slug", flat=True))
    for item in NEWS:
        if item["slug"] in existing:
            continue
        news = NewsPage(
            title=item["title"],
            slug=item["slug"],
            date=item["date"],
            intro=item["intro"],
            body=_body(item["body"]),
            live=False,
        )
        news.tags.add(*item["tags"])
        news_index.add_child(instance=news)
        news.save_revision().publish()
        created.append(news)
    return created
