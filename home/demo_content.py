"""Demo content for `manage.py load_demo_content`, from the VVG's own project description.

`BUILDERS` lists the functions the command runs in order. Each takes a `DemoContext` and creates only
what is missing, so a second run changes nothing; later features (calls, events, news) append theirs.
Bodies are raw StreamField data; prose uses a small markup (see `stream`): blank lines separate chunks,
a chunk's "## " first line is a heading block, "- " lines are list items, inline HTML is allowed.
"""

import copy
from dataclasses import dataclass, field

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Site

from events.demo import build_events
from vvg.calls.demo import build_calls
from vvg.core.models import VVGSettings
from vvg.evaluations.demo import build_evaluations
from vvg.indicators.demo import build_results
from vvg.news.demo import build_news_demo
from vvg.projects.demo import build_projects

from .models import HomePage, StandardPage

# Generic placeholders (no person's data); editors replace them in the admin.
ORGANISATION = "Ignalinos miesto vietos veiklos grupė"
ADDRESS = "Ignalina"
EMAIL = "info@ignalinosvvg.lt"
FACEBOOK_URL = "https://www.facebook.com/groups/1342695026522437"
MUNICIPALITY_URL = "https://ignalina.lt/gyventojams/ignalinos-miesto-vietos-veiklos-grupe/677"
STRATEGY = "Ignalinos miesto 2024–2029 m. vietos plėtros strategija"
GOAL = (
    "Mažinti socialiai pažeidžiamų grupių socialinę atskirtį skatinant jų aktyvią įtrauktį į bendruomenines "
    "veiklas, gerinant jiems teikiamas paslaugas ir gerinant ekonominę verslo situaciją Ignalinos mieste"
)
AGREEMENT = (
    "2024 m. gruodžio 10 d. Ignalinos miesto vietos veiklos grupė su VšĮ Centrine projektų valdymo agentūra "
    "(CPVA) pasirašė projekto „Ignalinos miesto 2024–2029 m. vietos plėtros strategijos įgyvendinimo "
    "administravimas“ paramos sutartį Nr. 11-008-T-0009. Projektą bendrai finansuoja Europos Sąjunga."
)
ORDER = (
    "2024 m. liepos 29 d. Lietuvos Respublikos vidaus reikalų ministro įsakymu Nr. 1V-478 strategija įtraukta "
    "į finansuojamų strategijų sąrašą."
)
MAILTO = f'<a href="mailto:{EMAIL}">{EMAIL}</a>'
LINKS = f"""- <a href="{FACEBOOK_URL}">Ignalinos miesto VVG „Facebook“ grupė</a>
- <a href="{MUNICIPALITY_URL}">Ignalinos miesto vietos veiklos grupė Ignalinos rajono savivaldybės svetainėje</a>"""
TARGET_GROUP = """- Ignalinos miesto VVG darbuotojai, savanoriai, valdymo organai ir valdymo organų nariai;
- Ignalinos miesto vietos plėtros projektų rengėjų ir (ar) vykdytojų atstovai;
- Ignalinos miesto vietos plėtros strategijos įgyvendinimo teritorijos bendruomenė."""


def _html(lines):
    """Paragraph lines and "- " list items (a list item may continue on the next lines) as HTML."""
    html, paragraph, items = [], [], []

    def flush():
        if paragraph:
            html.append(f"<p>{' '.join(paragraph)}</p>")
            paragraph.clear()
        if items:
            html.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
            items.clear()

    for line in lines:
        if line.startswith("- "):
            if paragraph:
                flush()
            items.append(line[2:])
        elif items:
            items[-1] += " " + line
        else:
            paragraph.append(line)
    flush()
    return "".join(html)


def stream(*parts):
    """Raw StreamField data from markup strings and block dicts (copied: Wagtail adds ids to what it saves)."""
    result = []
    for part in parts:
        if not isinstance(part, str):
            result.append(copy.deepcopy(part))
            continue
        for chunk in part.strip().split("\n\n"):
            lines = [line.strip() for line in chunk.strip().splitlines()]
            if lines[0].startswith("## "):
                result.append({"type": "heading", "value": lines.pop(0)[3:]})
            if not lines:
                continue
            if result and result[-1]["type"] == "paragraph":  # one rich text block per section
                result[-1]["value"] += _html(lines)
            else:
                result.append({"type": "paragraph", "value": _html(lines)})
    return result


def table(caption, *rows):
    """A TableBlock whose first row is the header."""
    data = [list(row) for row in rows]
    return {"type": "table", "value": {"data": data, "table_caption": caption, "first_row_is_table_header": True,
                                       "first_col_is_header": False, "table_header_choice": "row"}}


def accordion(heading, *items):
    """Questions and answers (DUK); each answer is markup, as in `stream`."""
    items = [{"question": q, "answer": "".join(block["value"] for block in stream(a))} for q, a in items]
    return {"type": "accordion", "value": {"heading": heading, "items": items}}


def contact_card(name, role="", email="", address=""):
    """No phone: demo content must not carry anyone's personal number."""
    return {"type": "contact_card", "value": {"name": name, "role": role, "email": email, "address": address}}


def call_to_action(title, text, button_label, page=None, url=""):
    return {"type": "call_to_action", "value": {"title": title, "text": text, "button_label": button_label,
                                                "page": page.pk if page else None, "url": url}}


class DemoContentError(Exception):
    """The site is not in a state demo content can be added to."""


@dataclass
class DemoContext:
    """What every builder gets: the default site, its home page, and the report of what it did."""

    site: Site
    home: HomePage
    created: list = field(default_factory=list)
    present: list = field(default_factory=list)

    @classmethod
    def for_default_site(cls):
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
        home = site.root_page.specific if site else None
        if not isinstance(home, HomePage):
            raise DemoContentError("the default site with a HomePage as its root is missing; run the migrations.")
        return cls(site=site, home=home)

    def path(self, page):
        """The page's address on the site, e.g. /apie-vvg/ rather than the tree's /pradzia/apie-vvg/."""
        return "/" + page.url_path[len(self.home.url_path):]

    def child(self, parent, slug):
        return parent.get_children().filter(slug=slug).first()

    def ensure_page(self, parent, page):
        """Add `page` under `parent` and publish it, unless `parent` has a child with its slug already."""
        existing = self.child(parent, page.slug)
        if existing is not None:
            self.present.append(f"page {self.path(existing)} ({existing.title})")
            return existing.specific
        parent.refresh_from_db(fields=["numchild"])  # another builder may have added children meanwhile
        page.live = False  # as the admin does: publishing the first revision makes it live
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created.append(f"page {self.path(page)} ({page.title})")
        return page


def standard_page(slug, title, intro, *body, menu=True, children=()):
    return {"slug": slug, "title": title, "intro": intro, "body": body, "show_in_menus": menu, "children": children}


def ensure_standard_pages(ctx, parent, specs):
    for spec in specs:
        fields = {key: value for key, value in spec.items() if key != "children"}
        page = ctx.ensure_page(parent, StandardPage(**fields | {"body": stream(*spec["body"])}))
        ensure_standard_pages(ctx, page, spec["children"])


APIE = f"""## Projektas
Ignalinos miesto vietos veiklos grupė (toliau – Ignalinos miesto VVG) įgyvendina projektą „Ignalinos miesto 2024–2029
m. vietos plėtros strategijos įgyvendinimo administravimas“. {AGREEMENT}

## Projekto tikslas
Pasitelkiant aktyvų vietos bendruomenės dalyvavimą, įgyvendinti Ignalinos miesto 2024–2029 m. vietos plėtros
strategijoje iškeltus uždavinius. Strategijos tikslas – „{GOAL}“.

## Projekto tikslinė grupė
{TARGET_GROUP}

## Projekto veiklos
- <b>1.1. Vietos plėtros projektų atrankos dokumentų rengimas, vertinimas, įgyvendinimo priežiūra ir stebėsena.</b>
Rengiame kvietimų teikti vietos plėtros projektus dokumentus, vertiname paraiškas pagal atrankos kriterijus,
prižiūrime atrinktų projektų įgyvendinimą ir stebime jų rezultatus.
- <b>1.2. Vietos plėtros projektų rengėjų ir vykdytojų gebėjimų stiprinimas.</b> Organizuojame mokymus, konsultuojame
projektų rengėjus ir vykdytojus, teikiame jiems metodinę pagalbą.
- <b>1.3. Vietos plėtros strategijos įgyvendinimas, įgyvendinimo priežiūra ir stebėsena, ataskaitų rengimas.</b>
Sekame strategijos ir projekto stebėsenos rodiklius, rengiame ataskaitas.
- <b>1.4. Informavimas apie miesto VVG veiklą, vietos plėtros strategijos administravimo projekto įgyvendinimą ir
vietos plėtros strategijos įgyvendinimą.</b> Skelbiame naujienas, kvietimus ir renginius, organizuojame informacinius
renginius.

## Projekto rezultatas
Projekto įgyvendinimo metu bus <b>įgyvendinta Ignalinos miesto 2024–2029 m. vietos plėtros strategija</b>.

## Lygios galimybės ir nediskriminavimas
Įgyvendinant strategiją besąlygiškai laikomasi horizontaliųjų principų reikalavimų ir užtikrinamos visos asmenų
teisės, nepažeidžiant Europos Sąjungos pagrindinių teisių chartijos reikalavimų; į procesą įtraukiami miesto
bendruomenės, viešojo ir privataus sektoriaus atstovai. Į veiklas aktyviai įtraukiamos organizacijos, atstovaujančios
neįgaliuosius, vyresnio amžiaus žmones, jaunimą bei kitus asmenis, turinčius mažesnes funkcines galimybes arba dėl
socialinių priežasčių mažiau įtrauktus į jiems aktualių sprendimų priėmimą. Užkertamas kelias bet kokiai
diskriminacijai dėl lyties, rasės, tautybės, kalbos, kilmės, socialinės padėties, tikėjimo, įsitikinimų ar pažiūrų,
amžiaus, negalios, lytinės orientacijos, etninės priklausomybės, religijos ar kitų pagrindų.

## Daugiau informacijos
Daugiau informacijos apie projekto įgyvendinimą rasite:
{LINKS}"""

STRATEGIJA = f"""## Strategijos tikslas
Strategijoje numatytomis veiklomis siekiama įgyvendinti tikslą „{GOAL}“.

## Uždaviniai
Tikslui pasiekti numatyti du uždaviniai, nukreipti į:
- socialinių problemų sprendimą – socialiai pažeidžiamų grupių įtrauktį į bendruomenines veiklas ir jiems teikiamų
paslaugų gerinimą;
- vietos bendruomenės verslumo skatinimą, socialinio verslo steigimą ir vystymą.

## Finansavimas ir laukiami pokyčiai
{ORDER} Įgyvendinama strategija siekiama didinti vietos bendruomenės socialinę integraciją, mažinti socialinę
atskirtį, didinti socialinę sanglaudą ir skatinti Ignalinos miesto ekonominę plėtrą, į veiklas aktyviai įtraukiant
organizacijas, atstovaujančias neįgaliuosius, vyresnio amžiaus žmones ir jaunimą."""

DUK = accordion(
    "Dažniausiai užduodami klausimai",
    ("Kas gali teikti vietos plėtros projektą?", """Tinkami pareiškėjai ir partneriai nustatomi kiekvieno kvietimo
     sąlygose. Dažniausiai tai Ignalinos mieste veikiančios nevyriausybinės ir bendruomeninės organizacijos,
     socialiniai verslai ir kiti verslo subjektai, kurių projektai prisideda prie strategijos tikslo."""),
    ("Kas yra kvietimas teikti vietos plėtros projektus?", """Tai VVG skelbiamas pranešimas, kuriame nurodoma, kuriai
     strategijos priemonei, kokia suma ir iki kada priimamos paraiškos. Kartu skelbiamos finansavimo sąlygos,
     paraiškos forma ir kiti dokumentai. Kvietimai skelbiami šioje svetainėje skiltyje „Kvietimai“."""),
    ("Kaip vertinamos paraiškos?", """Pirmiausia tikrinama paraiškos administracinė atitiktis ir tinkamumas
     finansuoti. Tinkamas paraiškas vertintojai, pasirašę nešališkumo ir konfidencialumo deklaracijas, vertina pagal
     kvietime paskelbtus atrankos kriterijus – už kiekvieną kriterijų skiriami balai. Surinkusios ne mažiau nei
     nustatytą mažiausią balų sumą paraiškos surikiuojamos pagal balus; dėl finansavimo sprendžia VVG valdyba."""),
    ("Kas yra rezervinis sąrašas?", """Į jį įrašomos paraiškos, surinkusios reikiamą balų sumą, kurioms nepakako
     kvietimui skirtų lėšų. Atsiradus lėšų (pavyzdžiui, kai pareiškėjas atsisako paramos), projektai iš rezervinio
     sąrašo finansuojami jų eilės tvarka."""),
    ("Kur gauti konsultaciją?", f"""VVG administracija konsultuoja projektų rengėjus ir vykdytojus: kaip parengti
     paraišką, kokios išlaidos tinkamos, kaip įgyvendinti projektą ir už jį atsiskaityti. Rašykite {MAILTO} arba
     dalyvaukite informaciniuose renginiuose ir mokymuose, skelbiamuose skiltyje „Renginiai“."""),
)

DOKUMENTAI = f"""Šiame puslapyje skelbiami Ignalinos miesto vietos veiklos grupės dokumentai: {STRATEGY} ir jos
pakeitimai, kvietimų teikti vietos plėtros projektus sąlygos ir paraiškų formos, VVG valdybos sprendimai dėl projektų
atrankos, strategijos įgyvendinimo ir veiklos ataskaitos. Konkretaus kvietimo dokumentai skelbiami ir to kvietimo
puslapyje.

Jei dokumentu negalite naudotis (pavyzdžiui, jo neperskaito ekrano skaitymo programa), parašykite {MAILTO} –
pateiksime jį kitu, prieinamu formatu."""

KONTAKTAI = f"""## Sekite mūsų naujienas
{LINKS}

Kreipdamiesi pateiktus asmens duomenis tvarkome taip, kaip aprašyta <a href="/privatumas/">privatumo pranešime</a>."""

PRIEINAMUMAS = f"""## Atitikties būklė
Ignalinos miesto vietos veiklos grupė siekia, kad ši interneto svetainė atitiktų Saityno turinio prieinamumo gairių
(WCAG) 2.1 versijos AA lygio reikalavimus ir darnųjį Europos standartą EN 301 549. Svetainė šiuos reikalavimus
atitinka iš dalies dėl toliau nurodytų trūkumų.

## Ką padarėme
- Visomis funkcijomis galima naudotis vien klaviatūra, aktyvus elementas aiškiai pažymėtas; kiekvieno puslapio
pradžioje yra nuoroda „Pereiti prie turinio“, leidžianti praleisti meniu.
- Puslapio sritys (antraštė, meniu, pagrindinis turinys, poraštė), antraščių hierarchija ir kalba pažymėtos taip,
kad jas atpažintų ekrano skaitymo programos.
- Teksto ir fono kontrastas atitinka AA lygio reikalavimus; tekstą galima padidinti iki 200 proc. neprarandant turinio.
- Svetainė veikia ir išjungus JavaScript: meniu, paieška, klausimai ir atsakymai bei formos veikia be jo.
- Paveikslėliams pateikiami alternatyvieji tekstai, o dekoratyvūs paveikslėliai ekrano skaitymo programoms nerodomi.

## Žinomi trūkumai
- Kai kurie trečiųjų šalių parengti ir į svetainę įkelti dokumentai (ypač PDF ir skenuoti dokumentai) gali būti
neprieinami ekrano skaitymo programoms. Paprašius tokį dokumentą pateiksime prieinamu formatu.
- Įterptas išorinis turinys (pavyzdžiui, vaizdo įrašai ar žemėlapiai) priklauso nuo jo teikėjų ir gali neatitikti visų
reikalavimų; vaizdo įrašai gali neturėti subtitrų.

## Deklaracijos parengimas
Ši deklaracija parengta 2026 m. lapkričio 26 d. Svetainės atitiktį įvertino pati organizacija. Deklaracija peržiūrima
ne rečiau kaip kartą per metus ir po esminių svetainės pakeitimų.

## Grįžtamasis ryšys
Jeigu pastebėjote prieinamumo problemą arba negalite gauti jums reikalingos informacijos, parašykite {MAILTO}.
Nurodykite puslapio adresą ir aprašykite problemą – atsakysime ir, jei reikia, pateiksime informaciją jums tinkamu
būdu ne vėliau kaip per 20 darbo dienų.

## Vykdymo užtikrinimo procedūra
Jei mūsų atsakymas jūsų netenkina, galite kreiptis į Lietuvos Respublikos teisės aktų nustatytą interneto svetainių
prieinamumo priežiūrą vykdančią instituciją – Informacinės visuomenės plėtros komitetą. Jos aktualius kontaktus rasite
šios institucijos interneto svetainėje."""

PRIVATUMAS = f"""## Duomenų valdytojas
Jūsų asmens duomenų valdytojas – {ORGANISATION} (toliau – VVG), {ADDRESS}, el. paštas {MAILTO}. Asmens duomenis
tvarkome pagal Bendrąjį duomenų apsaugos reglamentą (BDAR) ir Lietuvos Respublikos asmens duomenų teisinės apsaugos
įstatymą. Renkame tik tuos duomenis, kurių reikia toliau nurodytiems tikslams.

## Registracija į renginius ir mokymus
- <b>Duomenys:</b> vardas, pavardė, el. pašto adresas, telefono numeris (neprivaloma), atstovaujama organizacija ir
jos sektorius, dalyvavimo žyma.
- <b>Tikslai:</b> organizuoti renginį ar mokymus, informuoti dalyvius apie pasikeitimus, apskaityti dalyvavimą ir
atsiskaityti už Europos Sąjungos lėšomis finansuojamo projekto veiklas ir rodiklius.
- <b>Teisinis pagrindas:</b> jūsų prašymu atliekami veiksmai, t. y. registracija (BDAR 6 str. 1 d. b p.), ir teisinė
prievolė atsiskaityti už projektą (BDAR 6 str. 1 d. c p.).
- <b>Saugojimas:</b> praėjus 3 metams po renginio registracijos duomenys nuasmeninami – lieka tik statistika. Dalyvių
sąrašai, kurie yra projekto veiklų įrodymas, saugomi tiek, kiek reikalauja finansavimo taisyklės ir paramos sutartis.

## Konsultacijos ir paklausimai
- <b>Duomenys ir tikslai:</b> vardas, pavardė, kontaktai, atstovaujama organizacija, konsultacijos data, būdas ir tema
– kad galėtume atsakyti, konsultuoti ir apskaityti suteiktas konsultacijas.
- <b>Teisinis pagrindas ir saugojimas:</b> teisėtas VVG interesas atsakyti į kreipimąsi (BDAR 6 str. 1 d. f p.) ir
teisinė prievolė atsiskaityti už projektą (BDAR 6 str. 1 d. c p.); duomenys saugomi tiek, kiek reikalauja finansavimo
taisyklės ir paramos sutartis.

## Paraiškos ir vietos plėtros projektai
- <b>Duomenys ir tikslai:</b> pareiškėjų, partnerių ir projektų vykdytojų kontaktinių asmenų vardai, pavardės,
pareigos ir kontaktai, vertintojų deklaracijos ir vertinimai – paraiškoms vertinti ir atrinkti, projektų
įgyvendinimui prižiūrėti ir stebėti.
- <b>Teisinis pagrindas ir saugojimas:</b> teisinė prievolė ir VVG, kaip strategiją įgyvendinančiai organizacijai,
pavestos viešojo intereso užduotys (BDAR 6 str. 1 d. c ir e p.); paraiškos, vertinimo ir atrankos dokumentai
saugomi tiek, kiek nustato finansavimo taisyklės ir paramos sutartis.

## Nuotraukos
Renginiuose gali būti fotografuojama. Nuotraukas, kuriose galite būti atpažinti, skelbiame tik gavę atskirą jūsų
sutikimą (BDAR 6 str. 1 d. a p.), kurį galite duoti registruodamiesi. Sutikimas neprivalomas – nuo jo nepriklauso
galimybė dalyvauti. Sutikimą galite bet kada atšaukti parašę {MAILTO}.

## Duomenų gavėjai
- VšĮ Centrinė projektų valdymo agentūra (CPVA), administruojanti VVG projektą, ir kitos Europos Sąjungos fondų
investicijas valdančios institucijos;
- audito ir kontrolės institucijos, kai jos tikrina projektų įgyvendinimą;
- paslaugų teikėjai, kurie mūsų pavedimu teikia svetainės prieglobos ar el. pašto paslaugas.

Duomenų neparduodame ir nenaudojame rinkodarai. Svetainėje nenaudojami analitikos ar reklamos slapukai, tik techniškai
būtini (pavyzdžiui, formų apsaugai). Automatizuotų sprendimų ir profiliavimo nevykdome.

## Jūsų teisės
- susipažinti su savo asmens duomenimis ir reikalauti ištaisyti netikslius duomenis;
- reikalauti ištrinti duomenis, kai jų nebereikia ar jie tvarkomi neteisėtai (išskyrus duomenis, kuriuos saugoti
privalome pagal teisės aktus ar finansavimo taisykles), apriboti jų tvarkymą ar perkelti juos, kai tai taikoma;
- nesutikti, kad duomenys būtų tvarkomi teisėto ar viešojo intereso pagrindu;
- bet kada atšaukti duotą sutikimą (tai neturi įtakos iki tol atlikto tvarkymo teisėtumui);
- pateikti skundą <a href="https://vdai.lrv.lt/">Valstybinei duomenų apsaugos inspekcijai</a>.

## Kontaktai
Prašymus ir klausimus dėl asmens duomenų siųskite {MAILTO}; atsakome ne vėliau kaip per vieną mėnesį. Pranešimas
atnaujintas 2026 m. lapkričio 26 d."""

PAGES = [
    standard_page("apie-vvg", "Apie VVG", f"{ORGANISATION} administruoja Ignalinos miesto 2024–2029 m. vietos plėtros "
                  "strategijos įgyvendinimą. Projektą bendrai finansuoja Europos Sąjunga.", APIE, children=[
        standard_page("strategija", "Vietos plėtros strategija", f"{STRATEGY} – bendruomenės inicijuota vietos "
                      "plėtros strategija, kurią įgyvendina Ignalinos miesto VVG.", STRATEGIJA, DUK)]),
    standard_page("dokumentai", "Dokumentai", "Vietos plėtros strategija, kvietimų sąlygos, ataskaitos ir kiti "
                  "Ignalinos miesto VVG dokumentai.", DOKUMENTAI),
    standard_page("kontaktai", "Kontaktai", "Kreipkitės dėl kvietimų, paraiškų, projektų įgyvendinimo, mokymų ir "
                  "renginių.", contact_card(ORGANISATION, "VVG administracija", EMAIL, address=ADDRESS),
                  contact_card("Konsultacijos projektų rengėjams ir vykdytojams", "VVG administracija", EMAIL),
                  KONTAKTAI),
    # Not in the menu: the footer of every page links to these two.
    standard_page("prieinamumas", "Prieinamumo deklaracija", "Siekiame, kad šia svetaine galėtų naudotis visi, "
                  "įskaitant žmones su negalia.", PRIEINAMUMAS, menu=False),
    standard_page("privatumas", "Privatumo pranešimas", "Kaip tvarkome asmens duomenis, kuriuos pateikiate "
                  "registruodamiesi į renginius, kreipdamiesi konsultacijos ar teikdami paraiškas.", PRIVATUMAS,
                  menu=False),
]

HOME = f"""## Strategijos tikslas
Ignalinos miesto 2024–2029 m. vietos plėtros strategijos tikslas – „{GOAL}“.

Tikslui pasiekti numatyti du uždaviniai, nukreipti į socialinių problemų sprendimą, vietos bendruomenės verslumo
skatinimą, socialinio verslo steigimą ir vystymą.

## Kokias problemas sprendžiame
Ignalinos r. savivaldybės, tuo pačiu ir miesto, socialiniai ekonominiai rodikliai yra vieni prasčiausių Lietuvoje.
Oficialiosios statistikos portalo duomenimis:
- skurdo rizikos lygis Ignalinos rajono savivaldybėje yra apie 10 proc. didesnis nei šalies;
- registruotų bedarbių ir darbingo amžiaus gyventojų santykis ženkliai viršija tiek regiono, tiek Lietuvos vidurkius;
- vienkartinių pašalpų socialiai remtiniems asmenims gavėjų skaičius kasmet auga 5–7 proc., o 2021 m., palyginti su
2020 m., buvo šoktelėjęs net 52 proc.

Savivaldybė nepajėgi savarankiškai išspręsti visų socialinių problemų, todėl, siekiant prisidėti prie jų sprendimo,
parengta Ignalinos miesto 2024–2029 m. vietos plėtros strategija. {ORDER}

## Kam skirta mūsų veikla
{TARGET_GROUP}

## Ką darome
- <b>1.1.</b> Rengiame vietos plėtros projektų atrankos dokumentus, vertiname paraiškas, prižiūrime ir stebime
projektų įgyvendinimą.
- <b>1.2.</b> Mokome, konsultuojame ir metodiškai padedame projektų rengėjams ir vykdytojams.
- <b>1.3.</b> Įgyvendiname strategiją, prižiūrime ir stebime jos įgyvendinimą, rengiame ataskaitas.
- <b>1.4.</b> Informuojame apie VVG veiklą ir strategijos įgyvendinimą, organizuojame informacinius renginius.

## Stebėsenos rodikliai"""

INDICATORS = table(
    "Projektu siekiamos stebėsenos rodiklių reikšmės",
    ["Kodas", "Rodiklis", "Siektina reikšmė"],
    ["P.B.2.0080", "Bendruomenės inicijuotos vietos plėtros strategijos, kurioms suteikta parama", "1 strategija"],
    ["R.S.2.3034", "Pilietinės visuomenės ir privačiojo sektoriaus subjektai, dalyvavę rengiant ir (ar) "
     "įgyvendinant bendruomenės inicijuotos vietos plėtros strategijas", "11 subjektų"],
)


def build_standard_pages(ctx):
    ensure_standard_pages(ctx, ctx.home, PAGES)


def build_home_page(ctx):
    """Fill the home page (a migration creates it empty) unless it has content, live or in a draft."""
    home = HomePage.objects.get(pk=ctx.home.pk)  # fresh: adding children changed its tree fields
    ctx.home = home
    if home.body or home.get_latest_revision_as_object().body:
        ctx.present.append(f"home page content ({home.title})")
        return
    about = ctx.child(home, "apie-vvg")
    home.title = home.draft_title = ORGANISATION
    home.intro = (
        "Ignalinos miesto vietos veiklos grupė įgyvendina Ignalinos miesto 2024–2029 m. vietos plėtros strategiją: "
        "skelbia kvietimus teikti vietos plėtros projektus, konsultuoja, moko ir informuoja miesto bendruomenę."
    )
    home.body = stream(HOME, INDICATORS, f"## Projekto finansavimas\n{AGREEMENT}", call_to_action(
        "Apie VVG ir projektą", "Projekto tikslas, veiklos ir laukiamas rezultatas, strategijos uždaviniai ir "
        "dažniausi klausimai.", "Skaityti apie VVG", page=about, url="" if about else "/apie-vvg/"))
    home.save_revision().publish()
    ctx.created.append(f"home page content ({home.title})")


def build_settings(ctx):
    """Fill the VVG settings' contacts and links that are still empty, with the placeholders above."""
    settings = VVGSettings.for_site(ctx.site)
    defaults = {"address": ADDRESS, "email": EMAIL, "facebook_url": FACEBOOK_URL, "municipality_url": MUNICIPALITY_URL}
    missing = {name: value for name, value in defaults.items() if not getattr(settings, name)}
    if not missing:
        ctx.present.append("VVG settings contacts")
        return
    for name, value in missing.items():
        setattr(settings, name, value)
    settings.save(update_fields=list(missing))
    ctx.created.append(f"VVG settings: {', '.join(missing)}")


def build_news(ctx):
    """The news index at /naujienos/ with the VVG's news; in the menu it comes before "Apie VVG"."""
    created = build_news_demo(ctx.home)
    index = next((page for page in created if page.depth == ctx.home.depth + 1), None)
    about = ctx.child(ctx.home, "apie-vvg")
    if index and about:
        index.move(about, pos="left")
    ctx.created.extend(f"page {ctx.path(page)} ({page.title})" for page in created)
    if not created:
        ctx.present.append("news index and demo news")


# Common questions and the page that answers each, promoted above the search results.
SEARCH_PROMOTIONS = [
    ("paraiška", "kvietimai", "Kvietimai teikti vietos projektų paraiškas, jų sąlygos ir dokumentai."),
    ("mokymai", "renginiai", "Mokymai ir renginiai pareiškėjams, registracija į juos."),
    ("kontaktai", "kontaktai", "Kaip susisiekti su VVG administracija."),
]


def build_search_promotions(ctx):
    """Promote the page that answers a common question, unless that query already has promotions."""
    for query_text, slug, description in SEARCH_PROMOTIONS:
        page = ctx.child(ctx.home, slug)
        query = Query.get(query_text)
        if page is None or query.editors_picks.exists():
            ctx.present.append(f"search promotion for “{query_text}”")
            continue
        SearchPromotion.objects.create(query=query, page=page, sort_order=0, description=description)
        ctx.created.append(f"search promotion for “{query_text}” → {ctx.path(page)}")


# Run in this order: the home page's call to action links to a page the first builder creates.
BUILDERS = [
    build_standard_pages,
    build_home_page,
    build_settings,
    build_news,
    build_calls,
    build_projects,
    build_events,
    build_results,
    build_evaluations,
    build_search_promotions,
]
