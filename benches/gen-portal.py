#!/usr/bin/env python3
"""Generate a synthetic ouvert portal for benchmarks.

    benches/gen-portal.py OUT_DIR --datasets N [--seed S] [--rows-min 20 --rows-max 200]

Writes a complete portal folder (see docs/portal-format.md): ouvert.toml,
5 to 20 organizations, a few pages, a logo and N datasets
`datasets/<slug>/index.md`, each with full French metadata (usage section,
`why` for every column, a Markdown description) and one or two small CSV
files. The files vary the way French local-authority exports do: UTF-8,
UTF-8 with a byte-order mark or Windows-1252, `;` or `,` separators,
decimal commas and `12 345,67` amounts in some, dd/mm/yyyy dates in some,
CRLF line ends in some.

Nothing in the data identifies a person: no personal e-mail address (only
service mailboxes), no phone number, no person's name in the rows, so the
build's personal-data guard has nothing to report.

Deterministic: the same arguments give byte-identical output. Dataset i only
depends on the seed and i, so a portal of 100 datasets is the first 100 of
one of 1000 with the same seed.

OUT_DIR must be missing or empty, or hold a portal this script made (it
writes the marker file `.ouvert-gen-portal`, hidden from ouvert): that
portal is then replaced, and its build output (`public/`, `.ouvert-cache/`)
removed, so every run starts from the same folder. Python 3.11, standard
library only.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import random
import re
import shutil
import sys
import time
import unicodedata

MARKER = ".ouvert-gen-portal"
# What a previous run leaves in OUT_DIR: its files and ouvert's build output.
GENERATED = {"ouvert.toml", "datasets", "organizations", "pages", "static"}
BUILD_OUTPUT = {"public", ".ouvert-cache"}
# The day the synthetic portal lives in: no date comes after it.
TODAY = dt.date(2026, 3, 31)
YEARS = list(range(2016, 2026))

MONTHS_FR = [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre",
]

# ---------------------------------------------------------------------------
# Small helpers


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "Oe"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def luhn_complete(digits: str) -> str:
    """`digits` followed by the check digit that makes it Luhn-valid."""
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2 == 0:  # doubled: the check digit will shift positions
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return digits + str((10 - total % 10) % 10)


def make_siren(r: random.Random) -> str:
    return luhn_complete("2" + "".join(str(r.randrange(10)) for _ in range(7)))


def make_siret(r: random.Random, siren: str | None = None) -> str:
    siren = siren or make_siren(r)
    return luhn_complete(siren + f"{r.randrange(1, 999):04d}")


def date_between(r: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=r.randrange((end - start).days + 1))


_PLAIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿŒœ][^\n:#\[\]{}\"'`|>&*!%@,]*$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}


def yq(value: str) -> str:
    """A YAML scalar for `value`: plain when that is unambiguous."""
    if _PLAIN.match(value) and value.lower() not in _RESERVED and value == value.strip():
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def yq_flow(value: str) -> str:
    """A scalar inside a flow list `[a, b]`: commas need quotes there too."""
    return yq(value)  # _PLAIN already refuses commas


def toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrap(text: str, width: int = 78) -> str:
    out, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        out.append(line)
    return "\n".join(out)


def pick(r: random.Random, items, k: int | None = None):
    if k is None:
        return items[r.randrange(len(items))]
    return r.sample(items, k)


# ---------------------------------------------------------------------------
# The territory: names, places and organizations, made once per seed.
# Words are chosen so that none reads as a person's name (no common first
# name alone in a capitalised cell).

NAME_START = ["Roche", "Beau", "Clair", "Font", "Mont", "Val", "Belle", "Haute",
              "Pierre", "Grand", "Bois", "Fer", "Vert", "Saule", "Chêne", "Ormes"]
NAME_END = ["bourg", "ville", "mont", "fort", "court", "champ", "val", "lieu",
            "roche", "fontaine", "brune", "selve", "marais", "pré", "noue"]
RIVERS = ["la Vive", "l'Orvanne", "la Sèvre", "le Loing", "la Brenne", "l'Aubette",
          "la Durèze", "le Lignon", "la Claise", "l'Ysère", "la Voulzie"]
DEPTS = ["01", "03", "05", "07", "09", "12", "18", "24", "35", "36", "41", "44",
         "49", "56", "63", "71", "79", "86", "87", "2A"]
STREETS = ["rue des Lilas", "rue du Moulin", "avenue de la Gare", "place de la République",
           "rue des Écoles", "chemin des Vignes", "boulevard des Tanneurs",
           "rue de l'Église", "allée des Acacias", "route de la Forêt", "rue du Stade",
           "impasse des Tisserands", "rue Pasteur", "avenue Jean Jaurès", "rue Victor Hugo",
           "quai de la Vive", "rue des Jardins", "place du Marché", "rue de la Poste",
           "chemin de Halage", "rue des Remparts", "avenue du Général de Gaulle",
           "rue des Peupliers", "cours de l'Hôtel de Ville", "rue de la Fontaine"]
QUARTIERS = ["Centre-ville", "Les Tanneurs", "La Croix-Verte", "Les Hauts de Vive",
             "Le Faubourg", "La Gare", "Les Prés", "Le Vieux Bourg", "Les Coteaux",
             "La Fontaine", "Les Vergers", "Le Moulin"]
SECTEURS = ["secteur nord", "secteur sud", "secteur est", "secteur ouest",
            "centre-ville", "quartiers ouest", "zone d'activités", "hameaux",
            "rive droite", "rive gauche"]

# Organizations a local authority works with: (kind, title template, mailbox, blurb).
ORG_KINDS = [
    ("ccas", "Centre communal d'action sociale de {c}", "ccas",
     "accompagne les habitants en difficulté : aide alimentaire, secours d'urgence, aide à l'énergie"),
    ("ecoles", "Caisse des écoles de {c}", "scolaire",
     "finance la restauration scolaire, les fournitures et les sorties des écoles publiques"),
    ("eaux", "Syndicat intercommunal des eaux de {r}", "eau",
     "produit et distribue l'eau potable de onze communes"),
    ("dechets", "Syndicat de collecte des déchets du pays de {c}", "dechets",
     "collecte les ordures ménagères et gère les déchèteries"),
    ("tourisme", "Office de tourisme de {c}", "tourisme",
     "accueille les visiteurs et fait connaître le territoire"),
    ("epci", "Communauté de communes du pays de {c}", "contact",
     "exerce pour ses communes membres le développement économique, l'urbanisme et la collecte des déchets"),
    ("energie", "Syndicat départemental d'énergie", "energie",
     "gère les réseaux d'électricité, l'éclairage public et les bornes de recharge"),
    ("transports", "Régie des transports de {c}", "transports",
     "exploite les lignes de bus et les parkings publics"),
    ("conservatoire", "Conservatoire de musique et de danse de {c}", "accueil",
     "enseigne la musique, la danse et le théâtre à plus de 600 élèves"),
    ("musee", "Musée municipal de {c}", "accueil",
     "conserve et expose les collections d'histoire locale"),
    ("sem", "Société d'économie mixte d'aménagement de {c}", "contact",
     "aménage les zones d'activités et les nouveaux quartiers"),
    ("piscine", "Syndicat intercommunal de la piscine de {c}", "accueil",
     "gère le centre aquatique intercommunal"),
    ("pnr", "Parc naturel régional des coteaux de {r}", "environnement",
     "protège les paysages et la biodiversité des coteaux"),
    ("urbanisme", "Agence d'urbanisme du pays de {c}", "urbanisme",
     "étudie l'évolution du territoire et prépare les documents d'urbanisme"),
    ("riviere", "Syndicat mixte du bassin de {r}", "environnement",
     "entretient les cours d'eau et prévient les inondations"),
    ("assainissement", "Régie de l'assainissement de {c}", "assainissement",
     "collecte et traite les eaux usées"),
    ("scot", "Syndicat mixte du schéma de cohérence territoriale de {c}", "contact",
     "élabore le schéma de cohérence territoriale"),
    ("habitat", "Office public de l'habitat de {c}", "contact",
     "loue et entretient les logements sociaux"),
    ("cdg", "Centre de gestion de la fonction publique territoriale", "contact",
     "organise les concours et conseille les collectivités sur la gestion de leurs agents"),
    ("theatre", "Établissement public de coopération culturelle du théâtre de {c}", "accueil",
     "programme les spectacles du théâtre municipal"),
]


class Territory:
    def __init__(self, seed: int):
        r = random.Random(f"territory:{seed}")
        self.commune = pick(r, NAME_START) + pick(r, NAME_END)
        if r.random() < 0.3:
            self.commune += "-sur-" + pick(r, ["Vive", "Orvanne", "Loing", "Claise", "Brenne"])
        self.river = pick(r, RIVERS)
        self.dept = pick(r, DEPTS)
        self.insee = self.dept + f"{r.randrange(1, 400):03d}"
        self.postal = (("20" if self.dept == "2A" else self.dept) + f"{r.randrange(0, 10)}" + "00")
        self.other_insee = sorted({self.dept + f"{r.randrange(1, 400):03d}" for _ in range(8)} - {self.insee})
        self.domain = slugify(self.commune) + ".example"
        self.kind = "commune" if r.random() < 0.75 else "epci"
        if self.kind == "commune":
            self.authority = f"Commune de {self.commune}"
            self.population = r.randrange(3600, 48000)
        else:
            self.authority = f"Communauté de communes de {self.commune}"
            self.population = r.randrange(15000, 90000)
        self.authority_slug = slugify(self.authority)
        self.siren = make_siren(r)
        self.siret = make_siret(r, self.siren)
        self.lat = round(r.uniform(43.2, 49.8), 4)
        self.lon = round(r.uniform(-1.2, 6.8), 4)
        self.color = "#%02x%02x%02x" % (r.randrange(10, 90), r.randrange(60, 120), r.randrange(90, 160))
        self.streets = r.sample(STREETS, 18)
        self.quartiers = r.sample(QUARTIERS, 8)
        n_orgs = r.randint(5, 20)
        kinds = r.sample([k for k in ORG_KINDS if not (k[0] == "epci" and self.kind == "epci")], n_orgs)
        self.orgs = []
        for kind, title, mailbox, blurb in kinds:
            t = title.format(c=self.commune, r=self.river_name())
            self.orgs.append({
                "kind": kind, "title": t, "slug": slugify(t), "blurb": blurb,
                "email": f"{mailbox}@{slugify(t)[:24].strip('-')}.example",
                "siret": make_siret(r),
                "website": f"https://www.{self.domain}/{kind}",
            })
        self.org_by_kind = {o["kind"]: o for o in self.orgs}

    def river_name(self) -> str:
        return re.sub(r"^(la |le |l')", "", self.river)

    def de(self) -> str:
        return f"de {self.commune}"

    def email(self, mailbox: str) -> str:
        return f"{mailbox}@{self.domain}"

    def coord(self, r: random.Random) -> tuple[float, float]:
        return (round(self.lat + r.uniform(-0.03, 0.03), 6), round(self.lon + r.uniform(-0.04, 0.04), 6))

    def address(self, r: random.Random) -> str:
        return f"{r.randrange(1, 120)} {pick(r, self.streets)}"


# ---------------------------------------------------------------------------
# Tables and the ways they are written


class Col:
    """A column: its name, kind of value, why it is collected, what it holds."""

    def __init__(self, name: str, kind: str, why: str, desc: str):
        self.name, self.kind, self.why, self.desc = name, kind, why, desc


class Table:
    def __init__(self, name: str, title: str, description: str, cols: list[Col], rows: list[list]):
        self.name, self.title, self.description, self.cols, self.rows = name, title, description, cols, rows


class Dialect:
    def __init__(self, r: random.Random):
        roll = r.random()
        self.encoding = "utf-8" if roll < 0.55 else ("utf-8-sig" if roll < 0.72 else "cp1252")
        self.sep = ";" if r.random() < 0.55 else ","
        # Decimal commas come with `;` files; a few `,` files quote them.
        self.decimal = "," if (self.sep == ";" and r.random() < 0.7) or r.random() < 0.08 else "."
        self.group = ""
        if self.decimal == "," and r.random() < 0.3:
            self.group = " " if r.random() < 0.6 else "\u00a0"
        self.date_fr = r.random() < (0.6 if self.decimal == "," else 0.25)
        self.crlf = self.encoding == "cp1252" or r.random() < 0.2

    def describe(self, table: Table) -> str:
        kinds = {c.kind[0] for c in table.cols}
        enc = {"utf-8": "encodé en UTF-8",
               "utf-8-sig": "encodé en UTF-8 avec une marque d'ordre des octets (BOM)",
               "cp1252": "encodé en Windows-1252 (tel qu'il sort du tableur du service)"}[self.encoding]
        sep = "séparé par des points-virgules" if self.sep == ";" else "séparé par des virgules"
        text = f"Fichier CSV {enc}, {sep}"
        if kinds & {"d", "g"}:
            text += ", avec une virgule décimale" if self.decimal == "," else ", avec un point décimal"
            if self.group and "d" in kinds:
                text += " et une espace entre les milliers"
        if "D" in kinds:
            text += " ; dates au format jj/mm/aaaa" if self.date_fr else " ; dates au format aaaa-mm-jj"
        return text + "."

    def cell(self, kind: str, value) -> str:
        if value is None:
            return ""
        if kind == "D":
            return value.strftime("%d/%m/%Y") if self.date_fr else value.isoformat()
        if kind == "b":
            return "oui" if value else "non"
        if kind[0] in "dg":
            places = int(kind[1:])
            text = f"{value:.{places}f}"
            if kind[0] == "d" and self.group and abs(value) >= 1000:
                whole, _, frac = text.partition(".")
                sign = "-" if whole.startswith("-") else ""
                whole = whole.lstrip("-")
                groups = []
                while len(whole) > 3:
                    groups.insert(0, whole[-3:])
                    whole = whole[:-3]
                groups.insert(0, whole)
                text = sign + self.group.join(groups) + ("." + frac if frac else "")
            return text.replace(".", self.decimal) if self.decimal == "," else text
        return str(value)

    def render(self, table: Table) -> bytes:
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=self.sep, lineterminator="\r\n" if self.crlf else "\n",
                       quoting=csv.QUOTE_MINIMAL)
        w.writerow([c.name for c in table.cols])
        kinds = [c.kind for c in table.cols]
        for row in table.rows:
            w.writerow([self.cell(k, v) for k, v in zip(kinds, row)])
        return buf.getvalue().encode(self.encoding)


# ---------------------------------------------------------------------------
# Dataset families. Each returns the metadata of one dataset and its tables.
# `years` holds one year, or two when the dataset has one file per year.


def usage(purpose, decisions, kind, reference, collected, maintained, personal, retention,
          recipients, url=None, algorithm=None):
    u = {"purpose": purpose, "decisions": decisions,
         "legal_basis": {"kind": kind, "reference": reference},
         "collected_by": collected, "maintained_by": maintained,
         "personal_data": personal, "retention": retention, "recipients": recipients}
    if url:
        u["legal_basis"]["url"] = url
    if algorithm:
        u["algorithm"] = algorithm
    return u


LEGIFRANCE = "https://www.legifrance.gouv.fr/"

BUDGET_ARTICLES = [
    ("fonctionnement", "dépense", "011", "Charges à caractère général", "60611", "Eau et assainissement"),
    ("fonctionnement", "dépense", "011", "Charges à caractère général", "60612", "Énergie - électricité"),
    ("fonctionnement", "dépense", "011", "Charges à caractère général", "6067", "Fournitures scolaires"),
    ("fonctionnement", "dépense", "011", "Charges à caractère général", "615221", "Entretien et réparations de bâtiments publics"),
    ("fonctionnement", "dépense", "012", "Charges de personnel et frais assimilés", "64111", "Rémunération principale des titulaires"),
    ("fonctionnement", "dépense", "012", "Charges de personnel et frais assimilés", "6451", "Cotisations à l'URSSAF"),
    ("fonctionnement", "dépense", "65", "Autres charges de gestion courante", "6574", "Subventions aux associations"),
    ("fonctionnement", "dépense", "66", "Charges financières", "66111", "Intérêts des emprunts"),
    ("fonctionnement", "recette", "70", "Produits des services", "7067", "Redevances des services périscolaires"),
    ("fonctionnement", "recette", "73", "Impôts et taxes", "73111", "Taxes foncières et d'habitation"),
    ("fonctionnement", "recette", "74", "Dotations et participations", "7411", "Dotation forfaitaire"),
    ("fonctionnement", "recette", "75", "Autres produits de gestion courante", "752", "Revenus des immeubles"),
    ("investissement", "dépense", "20", "Immobilisations incorporelles", "2031", "Frais d'études"),
    ("investissement", "dépense", "21", "Immobilisations corporelles", "2152", "Installations de voirie"),
    ("investissement", "dépense", "23", "Immobilisations en cours", "2313", "Constructions en cours"),
    ("investissement", "dépense", "16", "Emprunts et dettes assimilées", "1641", "Remboursement du capital des emprunts"),
    ("investissement", "recette", "10", "Dotations, fonds divers et réserves", "10222", "Fonds de compensation de la TVA"),
    ("investissement", "recette", "13", "Subventions d'investissement", "1323", "Subventions du département"),
    ("investissement", "recette", "16", "Emprunts et dettes assimilées", "1641", "Emprunts en euros"),
]
FONCTIONS = [("020", "Administration générale"), ("212", "Écoles primaires"),
             ("251", "Restauration scolaire"), ("321", "Bibliothèques et médiathèques"),
             ("411", "Salles de sport, gymnases"), ("413", "Piscines"), ("822", "Voirie communale"),
             ("823", "Espaces verts urbains"), ("814", "Éclairage public"), ("61", "Services en faveur des personnes âgées")]


def fam_budget(t: Territory, r: random.Random, years: list[int], n: int, publisher):
    stage = pick(r, ["Budget primitif", "Compte administratif", "Budget supplémentaire"])
    who = publisher["title"] if publisher else t.authority
    cols = [
        Col("exercice", "i", "Pour savoir à quelle année budgétaire se rapporte chaque ligne.", "l'année du budget"),
        Col("section", "t", "Pour distinguer le fonctionnement courant des investissements.", "fonctionnement ou investissement"),
        Col("sens", "t", "Pour séparer ce qui est dépensé de ce qui est perçu.", "dépense ou recette"),
        Col("chapitre", "c", "Pour retrouver le chapitre sur lequel le conseil vote.", "le code du chapitre budgétaire"),
        Col("libelle_chapitre", "t", "Pour lire en clair l'intitulé du chapitre.", "l'intitulé du chapitre"),
        Col("article", "c", "Pour suivre chaque dépense et recette au niveau le plus fin de la nomenclature M57.", "le compte de la nomenclature comptable"),
        Col("libelle_article", "t", "Pour comprendre à quoi correspond chaque compte.", "l'intitulé du compte"),
        Col("fonction", "c", "Pour savoir à quelle politique publique l'argent est consacré.", "le code de la fonction (politique publique)"),
        Col("libelle_fonction", "t", "Pour lire en clair la politique publique concernée.", "l'intitulé de la fonction"),
        Col("montant", "d2", "Pour rendre compte de l'argent public voté, à l'euro près.", "le montant en euros"),
    ]
    tables = []
    for y in years:
        rows = []
        for i in range(n):
            sec, sens, ch, lch, art, lart = BUDGET_ARTICLES[i % len(BUDGET_ARTICLES)]
            f, lf = pick(r, FONCTIONS)
            rows.append([y, sec, sens, ch, lch, art, lart, f, lf, round(r.uniform(800, 950000), 2)])
        tables.append(Table(f"{slugify(stage)}-{y}.csv", f"{stage} {y}, par article et par fonction",
                            "Une ligne par article budgétaire et par fonction.", cols, rows))
    yr = "-".join(map(str, years)) if len(years) > 1 else str(years[0])
    return dict(
        title=f"{stage} {yr}" + ("" if not publisher else f" — {publisher['title']}"),
        summary=f"Les dépenses et les recettes du {stage.lower()} {yr} de {who}, article par article.",
        keywords=["budget", "finances", "comptabilité M57", stage.lower()],
        themes=["ECON", "GOVE"], frequency="ANNUAL", service=("Service des finances", "finances"),
        temporal=(f"{years[0]}-01-01", f"{years[-1]}-12-31"), tables=tables,
        usage=usage(
            "Faire connaître à tous comment l'argent public est prévu et dépensé.",
            ["Le vote du budget par l'assemblée délibérante.", "Le suivi des dépenses par les services et le comptable public."],
            "legal-obligation", "Code général des collectivités territoriales, articles L2313-1 et R2313-8",
            "Le service des finances, à partir du logiciel de comptabilité", "Le service des finances",
            "none", "Sans limite de durée : les documents budgétaires sont des archives publiques.",
            ["La préfecture, au titre du contrôle budgétaire.", "La direction générale des finances publiques."],
            url=LEGIFRANCE),
        intro=f"Le {stage.lower()} est l'acte par lequel l'assemblée prévoit ou constate les recettes "
              f"et les dépenses de l'année. Ce jeu de données détaille, article par article, les montants "
              f"votés par {who}. Les montants sont en euros, toutes taxes comprises.",
        process="Les montants sont extraits du logiciel de comptabilité après le vote, puis vérifiés par le "
                "service des finances avant d'être publiés. Les codes suivent la nomenclature comptable M57.",
    )


ASSOCIATIONS = ["Association sportive {c}", "Club de tennis de table {c}", "Comité des fêtes {c}",
                "Les Amis du patrimoine {c}", "Association des parents d'élèves {c}",
                "Harmonie municipale {c}", "Club de randonnée Les Sentiers {c}", "Association Lire et faire lire {c}",
                "Union sportive {c} football", "Chorale Sainte-Cécile {c}", "Association familiale {c}",
                "Club des aînés {c}", "Association Les Jardins partagés {c}", "Judo club {c}",
                "Amicale des sapeurs-pompiers {c}", "Association de sauvegarde de l'église {c}",
                "Secours populaire, comité {c}", "Banque alimentaire, antenne {c}",
                "Atelier vélo associatif {c}", "Compagnie de théâtre Le Rideau {c}"]
SUBV_OBJETS = ["Subvention de fonctionnement", "Organisation de la fête de la musique",
               "Achat de matériel sportif", "Déplacements en compétition", "Organisation d'un festival",
               "Ateliers pour les enfants des écoles", "Entretien du local associatif",
               "Animation du marché de Noël", "Aide exceptionnelle après un sinistre"]


def rna(r: random.Random) -> str:
    return "W" + f"{r.randrange(10**8, 10**9):09d}"


def fam_subventions(t, r, years, n, publisher):
    cols = [
        Col("annee", "i", "Pour savoir à quel exercice se rapporte la subvention.", "l'année de la décision"),
        Col("date_decision", "D", "Pour retrouver la délibération qui a accordé la subvention.", "la date de la délibération"),
        Col("beneficiaire", "t", "Pour savoir quelle association reçoit l'argent public.", "le nom de l'association"),
        Col("rna_beneficiaire", "c", "Pour identifier l'association sans ambiguïté dans le répertoire national des associations.", "son numéro au répertoire national des associations"),
        Col("objet", "t", "Pour savoir à quoi sert la subvention.", "l'objet de la subvention"),
        Col("nature", "t", "Pour distinguer l'argent versé du prêt de locaux ou de matériel.", "aide en numéraire ou en nature"),
        Col("montant", "d2", "Pour rendre compte de chaque euro versé.", "le montant en euros"),
        Col("versement_unique", "b", "Pour savoir si la subvention est versée en une ou plusieurs fois.", "oui si elle est versée en une fois"),
    ]
    assos = [a.format(c=t.de()) for a in ASSOCIATIONS]
    ids = {a: rna(r) for a in assos}
    tables = []
    for y in years:
        rows = []
        for _ in range(n):
            a = pick(r, assos)
            rows.append([y, date_between(r, dt.date(y, 1, 15), dt.date(y, 12, 15)), a, ids[a],
                         pick(r, SUBV_OBJETS), "aide en numéraire" if r.random() < 0.85 else "aide en nature",
                         round(r.choice([150, 300, 500, 800, 1000, 1500, 2500, 4000, 12000]) * r.uniform(0.8, 1.3), 0),
                         r.random() < 0.8])
        tables.append(Table(f"subventions-associations-{y}.csv", f"Subventions versées en {y}",
                            "Une ligne par subvention accordée.", cols, rows))
    yr = "-".join(map(str, years))
    return dict(
        title=f"Subventions aux associations {yr}",
        summary=f"Les subventions accordées aux associations en {yr} : bénéficiaire, objet et montant.",
        keywords=["subventions", "associations", "vie associative", "SCDL"],
        themes=["GOVE", "SOCI"], frequency="ANNUAL", service=("Service de la vie associative", "vie-associative"),
        temporal=(f"{years[0]}", f"{years[-1]}"), tables=tables,
        usage=usage(
            "Montrer à qui va l'argent public versé aux associations, et pour quoi faire.",
            ["Le vote des subventions en conseil.", "Le suivi des conventions passées avec les associations."],
            "legal-obligation", "Loi n° 2000-321 du 12 avril 2000, article 10, et décret n° 2017-779 du 5 mai 2017",
            "Le service de la vie associative, à partir des dossiers de demande",
            "Le service de la vie associative", "none",
            "Dix ans, puis versement aux archives.", ["Le comptable public, qui verse les subventions."],
            url=LEGIFRANCE),
        intro=f"Chaque année, {t.authority} soutient les associations qui font vivre le territoire. Ce fichier "
              "liste toutes les subventions votées, y compris les aides en nature (prêt de salle, de "
              "matériel), avec leur montant estimé.",
        process="Les associations déposent un dossier au printemps ; le conseil vote les subventions après "
                "l'avis de la commission de la vie associative. Seules des personnes morales figurent ici.",
    )


EQUIP_TYPES = [("Gymnase", "sport", "X"), ("Stade", "sport", "PA"), ("Piscine", "sport", "X"),
               ("Médiathèque", "culture", "S"), ("École élémentaire", "enseignement", "R"),
               ("École maternelle", "enseignement", "R"), ("Salle polyvalente", "culture", "L"),
               ("Maison de quartier", "social", "L"), ("Crèche", "enfance", "R"),
               ("Centre technique municipal", "administration", ""), ("Cimetière", "services", ""),
               ("Terrain de pétanque", "sport", "")]
EQUIP_NAMES = ["des Tilleuls", "des Acacias", "du Moulin", "de la Vive", "des Coteaux", "du Centre",
               "des Peupliers", "de la Gare", "du Parc", "des Vergers", "Les Glycines", "La Source",
               "du Faubourg", "des Prés", "du Stade"]
MAILBOX_BY_THEME = {"sport": "sport", "culture": "culture", "enseignement": "ecole", "social": "social",
                    "enfance": "enfance", "administration": "services-techniques", "services": "accueil"}


def fam_equipements(t, r, years, n, publisher):
    cols = [
        Col("identifiant", "c", "Pour désigner chaque équipement sans ambiguïté.", "l'identifiant de l'équipement"),
        Col("nom", "t", "Pour nommer l'équipement comme les habitants le connaissent.", "le nom usuel"),
        Col("type", "t", "Pour savoir de quel équipement il s'agit.", "le type d'équipement"),
        Col("theme", "t", "Pour classer les équipements par grande famille.", "sport, culture, enseignement…"),
        Col("adresse", "t", "Pour trouver l'équipement.", "le numéro et la voie"),
        Col("code_postal", "c", "Pour compléter l'adresse.", "le code postal"),
        Col("quartier", "t", "Pour savoir quels quartiers sont bien équipés.", "le quartier"),
        Col("latitude", "g6", "Pour placer l'équipement sur une carte.", "la latitude (WGS 84)"),
        Col("longitude", "g6", "Pour placer l'équipement sur une carte.", "la longitude (WGS 84)"),
        Col("accessible_pmr", "b", "Pour que les personnes à mobilité réduite sachent où elles peuvent entrer.", "oui si l'équipement est accessible"),
        Col("categorie_erp", "i", "Pour connaître la capacité d'accueil, qui fixe les règles de sécurité.", "la catégorie d'établissement recevant du public, de 1 à 5"),
        Col("courriel", "t", "Pour écrire au service qui gère l'équipement ; ce sont des adresses de service.", "l'adresse du service"),
        Col("site_web", "t", "Pour trouver la page de l'équipement.", "sa page web"),
    ]
    rows = []
    for i in range(n):
        typ, theme, erp = EQUIP_TYPES[i % len(EQUIP_TYPES)]
        nom = f"{typ} {EQUIP_NAMES[(i // len(EQUIP_TYPES)) % len(EQUIP_NAMES)]}"
        if i >= len(EQUIP_TYPES) * len(EQUIP_NAMES):
            nom += f" {i // (len(EQUIP_TYPES) * len(EQUIP_NAMES)) + 1}"
        lat, lon = t.coord(r)
        rows.append([f"{t.insee}-EQ{i + 1:04d}", nom, typ, theme, t.address(r), t.postal,
                     pick(r, t.quartiers), lat, lon, r.random() < 0.7,
                     (r.randint(2, 5) if erp else None),
                     t.email(MAILBOX_BY_THEME[theme]) if r.random() < 0.8 else None,
                     f"https://www.{t.domain}/equipements/{slugify(nom)}" if r.random() < 0.5 else None])
    tables = [Table("equipements.csv", "Liste des équipements", "Une ligne par équipement, avec sa position.", cols, rows)]
    if len(years) > 1:
        hcols = [
            Col("identifiant", "c", "Pour désigner chaque équipement sans ambiguïté.", "l'identifiant de l'équipement"),
            Col("periode", "t", "Pour savoir à quelle période de l'année s'appliquent les horaires.", "la période"),
            Col("horaires_osm", "t", "Pour donner les horaires dans un format que les cartes savent lire.", "les horaires au format OpenStreetMap"),
            Col("remarque", "t", "Pour signaler une particularité, comme un accueil sur rendez-vous.", "une remarque"),
        ]
        hrows = []
        for row in rows[: max(1, n // 2)]:
            for periode, hours in (("période scolaire", "Mo-Fr 08:30-12:00,13:30-18:00; Sa 09:00-12:00"),
                                   ("vacances scolaires", "Tu-Sa 10:00-12:30,14:00-18:00")):
                hrows.append([row[0], periode, hours, pick(r, [None, None, "Fermé les jours fériés",
                                                              "Accueil sur rendez-vous le samedi"])])
        tables.append(Table("horaires-equipements.csv", "Horaires des équipements",
                            "Les horaires par période ; la colonne identifiant renvoie à la liste.", hcols, hrows))
    return dict(
        title=f"Équipements publics {t.de()}" + (f" — {pick(r, SECTEURS)}" if r.random() < 0.5 else ""),
        summary=f"Les {n} équipements publics {t.de()} : adresse, position sur la carte, accessibilité.",
        keywords=["équipements", "services publics", "géolocalisation", "accessibilité"],
        themes=["REGI", "GOVE", "EDUC"], frequency="IRREG", service=("Service du patrimoine", "services-techniques"),
        temporal=(f"{years[-1]}-09-01", None), tables=tables,
        usage=usage(
            "Dire aux habitants où se trouvent les services publics et comment y accéder.",
            ["L'entretien et la sécurité des bâtiments publics.", "Les cartes et les applications qui guident vers les services publics."],
            "public-interest", "Code général des collectivités territoriales, article L2241-1",
            "Le service du patrimoine, à partir de l'inventaire des bâtiments", "Le service du patrimoine, à chaque rentrée",
            "none", "La liste est tenue à jour ; un équipement fermé en est retiré.",
            ["Les services de secours, qui préparent leurs interventions."]),
        intro=f"Ce fichier décrit les équipements collectifs publics {t.de()} : écoles, gymnases, "
              "salles, médiathèque… Il donne pour chacun son adresse, sa position et son accessibilité.",
        process="Le service du patrimoine tient l'inventaire des bâtiments. Les positions ont été relevées "
                "sur le plan cadastral, à l'entrée principale de chaque équipement.",
    )


def fam_frequentation(t, r, years, n, publisher):
    lieu, de_lieu, des_lieux = pick(r, [
        ("médiathèque", "de la médiathèque", "des médiathèques"), ("piscine", "de la piscine", "des piscines"),
        ("musée", "du musée", "des musées"), ("office de tourisme", "de l'office de tourisme", "des bureaux de l'office de tourisme"),
        ("déchèterie", "de la déchèterie", "des déchèteries"), ("ludothèque", "de la ludothèque", "des ludothèques")])
    sites = [f"{lieu.capitalize()} {x}" for x in r.sample(EQUIP_NAMES, r.randint(1, 4))]
    de_lieux = de_lieu if len(sites) == 1 else des_lieux
    cols = [
        Col("date", "D", "Pour suivre la fréquentation jour après jour.", "le jour"),
        Col("site", "t", "Pour comparer les sites entre eux.", "le site"),
        Col("entrees", "i", "Pour mesurer combien de personnes viennent.", "le nombre d'entrées"),
        Col("dont_gratuites", "i", "Pour connaître la part des entrées gratuites.", "dont les entrées gratuites"),
        Col("ouvert", "b", "Pour savoir si le site était ouvert ce jour-là.", "oui si le site était ouvert"),
        Col("taux_occupation", "d1", "Pour savoir si le site est saturé.", "la part de la capacité utilisée, en %"),
    ]
    tables = []
    for y in years:
        rows = []
        for i in range(n):
            site = sites[i % len(sites)]
            day = dt.date(y, 1, 1) + dt.timedelta(days=(i // len(sites)) % 365)
            open_ = day.weekday() != 0
            e = r.randrange(20, 900) if open_ else 0
            rows.append([day, site, e, r.randrange(0, e // 4 + 1), open_,
                         round(r.uniform(5, 98), 1) if open_ else None])
        tables.append(Table(f"frequentation-{slugify(lieu)}-{y}.csv", f"Entrées par jour et par site, {y}",
                            "Une ligne par jour et par site.", cols, rows))
    yr = "-".join(map(str, years))
    return dict(
        title=f"Fréquentation {de_lieux} {yr}",
        summary=f"Le nombre d'entrées par jour {de_lieux} {t.de()}, en {yr}. Des totaux, sans aucune donnée sur les visiteurs.",
        keywords=["fréquentation", lieu, "équipements publics", "loisirs"],
        themes=["EDUC", "SOCI"], frequency="DAILY" if r.random() < 0.3 else "MONTHLY",
        service=("Direction de la culture et des sports", "culture"),
        temporal=(f"{years[0]}-01-01", f"{years[-1]}-12-31"), tables=tables,
        usage=usage(
            "Connaître l'usage des équipements pour adapter les horaires et les moyens.",
            "Les horaires d'ouverture et le nombre d'agents présents selon les jours.",
            "public-interest", "Gestion des services publics culturels et sportifs",
            "Les compteurs d'entrée et les caisses, chaque soir", "Le service des sports et de la culture",
            "aggregated", "Les totaux sont conservés sans limite.", ["Le conseil, dans le rapport d'activité annuel."]),
        intro=f"Quelle est la fréquentation {de_lieux} ? Ce fichier donne, jour par jour et site par site, "
              "le nombre d'entrées. Ce sont des totaux : personne ne peut y être reconnu.",
        process="Les entrées sont comptées par les caisses et les compteurs automatiques, puis additionnées "
                "chaque soir. Les jours de fermeture ont zéro entrée.",
    )


PARAMETRES = [("Nitrates", "mg/L", 50.0), ("Turbidité", "NFU", 1.0), ("Chlore libre", "mg/L", 0.5),
              ("Escherichia coli", "n/100mL", 0.0), ("Conductivité", "µS/cm", 1100.0),
              ("Pesticides (total)", "µg/L", 0.5), ("Dureté", "°f", 30.0), ("pH", "unité pH", 9.0)]


def fam_eau(t, r, years, n, publisher):
    points = [f"{x} {t.de()}" for x in ["Réservoir", "Station de pompage", "Château d'eau", "Captage"]]
    cols = [
        Col("date_prelevement", "D", "Pour savoir quand l'eau a été analysée.", "la date du prélèvement"),
        Col("point_prelevement", "t", "Pour savoir où l'eau a été prélevée.", "le point de prélèvement"),
        Col("code_insee", "c", "Pour savoir quelle commune ce point dessert.", "le code Insee de la commune desservie"),
        Col("parametre", "t", "Pour savoir ce qui a été mesuré.", "le paramètre analysé"),
        Col("valeur", "d3", "Pour connaître le résultat de l'analyse.", "la valeur mesurée"),
        Col("unite", "t", "Pour lire la valeur dans la bonne unité.", "l'unité"),
        Col("limite_qualite", "d1", "Pour comparer le résultat à la limite réglementaire.", "la limite de qualité"),
        Col("conforme", "b", "Pour voir d'un coup d'œil si l'eau respecte la limite.", "oui si la valeur respecte la limite"),
    ]
    tables = []
    for y in years:
        rows = []
        for _ in range(n):
            p, u, lim = pick(r, PARAMETRES)
            v = round(r.uniform(0, lim * 1.1 if lim else 2), 3) if lim else float(r.choice([0, 0, 0, 0, 1]))
            rows.append([date_between(r, dt.date(y, 1, 5), dt.date(y, 12, 20)), pick(r, points),
                         pick(r, [t.insee] + t.other_insee[:3]), p, v, u, lim, v <= lim])
        rows.sort(key=lambda row: (row[0], row[1], row[3]))
        tables.append(Table(f"analyses-eau-{y}.csv", f"Analyses de l'eau potable, {y}",
                            "Une ligne par paramètre analysé et par prélèvement.", cols, rows))
    yr = "-".join(map(str, years))
    return dict(
        title=f"Qualité de l'eau potable {yr}",
        summary=f"Les résultats des analyses de l'eau du robinet en {yr}, paramètre par paramètre, comparés aux limites de qualité.",
        keywords=["eau potable", "qualité de l'eau", "santé", "analyses"],
        themes=["HEAL", "ENVI"], frequency="MONTHLY", service=("Service de l'eau", "eau"),
        temporal=(f"{years[0]}-01-01", f"{years[-1]}-12-31"), tables=tables,
        usage=usage(
            "Informer chacun de la qualité de l'eau qu'il boit.",
            ["Les traitements appliqués à l'eau.", "Les restrictions de consommation en cas de dépassement."],
            "legal-obligation", "Code de la santé publique, articles R1321-15 et D1321-104",
            "Le laboratoire agréé, sur les prélèvements de l'agence régionale de santé", "Le service de l'eau",
            "none", "Dix ans.", ["L'agence régionale de santé."], url=LEGIFRANCE),
        intro=f"L'eau du robinet est l'aliment le plus contrôlé. Ce fichier publie les résultats des analyses "
              f"faites sur le réseau qui dessert {t.commune} et les communes voisines.",
        process="L'agence régionale de santé fait prélever l'eau selon un calendrier fixé par la loi ; un "
                "laboratoire agréé l'analyse. Les résultats sont repris tels quels.",
    )


BATIMENTS = ["Hôtel de ville", "Groupe scolaire des Acacias", "École maternelle des Tilleuls", "Gymnase du Stade",
             "Médiathèque La Source", "Salle polyvalente du Moulin", "Centre technique municipal",
             "Piscine des Remous", "Maison de quartier des Prés", "Crèche Les Glycines", "Conservatoire"]


def fam_energie(t, r, years, n, publisher):
    cols = [
        Col("annee", "i", "Pour suivre l'évolution des consommations.", "l'année"),
        Col("mois", "c", "Pour voir les variations selon les saisons.", "le mois (aaaa-mm)"),
        Col("batiment", "t", "Pour savoir quel bâtiment consomme.", "le bâtiment"),
        Col("energie", "t", "Pour distinguer les sources d'énergie.", "électricité, gaz ou réseau de chaleur"),
        Col("consommation_kwh", "d0", "Pour mesurer la consommation et repérer les dérives.", "la consommation en kilowattheures"),
        Col("surface_m2", "i", "Pour comparer des bâtiments de tailles différentes.", "la surface chauffée en mètres carrés"),
        Col("cout_euros_ttc", "d2", "Pour rendre compte du coût payé par la collectivité.", "le coût en euros TTC"),
    ]
    bats = r.sample(BATIMENTS, r.randint(3, len(BATIMENTS)))
    surfaces = {b: r.randrange(150, 4000) for b in bats}
    tables = []
    for y in years:
        rows = []
        for i in range(n):
            b = bats[i % len(bats)]
            m = (i // len(bats)) % 12 + 1
            en = pick(r, ["électricité", "gaz naturel", "réseau de chaleur"])
            kwh = round(surfaces[b] * r.uniform(2, 25))
            rows.append([y, f"{y}-{m:02d}", b, en, float(kwh), surfaces[b], round(kwh * r.uniform(0.12, 0.28), 2)])
        tables.append(Table(f"consommations-energie-{y}.csv", f"Consommations mensuelles {y}",
                            "Une ligne par bâtiment, par mois et par énergie.", cols, rows))
    yr = "-".join(map(str, years))
    return dict(
        title=f"Consommations d'énergie des bâtiments publics {yr}",
        summary=f"L'électricité, le gaz et la chaleur consommés chaque mois par les bâtiments publics en {yr}, et leur coût.",
        keywords=["énergie", "consommation", "bâtiments", "sobriété énergétique", "décret tertiaire"],
        themes=["ENER", "ENVI"], frequency="MONTHLY", service=("Service de l'énergie", "energie"),
        temporal=(f"{years[0]}-01", f"{years[-1]}-12"), tables=tables,
        usage=usage(
            "Suivre et réduire la consommation d'énergie des bâtiments publics.",
            ["Le choix des bâtiments à rénover en priorité.", "Le réglage du chauffage et de l'éclairage."],
            "legal-obligation", "Code de la construction et de l'habitation, article L174-1 (décret tertiaire)",
            "Le service de l'énergie, à partir des factures et des compteurs communicants", "Le service de l'énergie",
            "none", "Dix ans, pour mesurer les économies réalisées.",
            ["L'Agence de la transition écologique, sur la plateforme OPERAT."], url=LEGIFRANCE),
        intro="Chauffer, éclairer et alimenter les bâtiments publics coûte cher. Ce fichier donne, bâtiment par "
              "bâtiment et mois par mois, l'énergie consommée et son coût.",
        process="Les consommations viennent des factures des fournisseurs et des relevés des compteurs "
                "communicants ; le coût inclut l'abonnement et les taxes.",
    )


FLUX = ["ordures ménagères résiduelles", "emballages et papiers", "verre", "biodéchets",
        "encombrants", "déchets verts", "gravats", "bois", "métaux", "cartons"]


def fam_dechets(t, r, years, n, publisher):
    cols = [
        Col("mois", "c", "Pour suivre les tonnages mois après mois.", "le mois (aaaa-mm)"),
        Col("flux", "t", "Pour savoir quel type de déchet a été collecté.", "le type de déchet"),
        Col("mode_collecte", "t", "Pour comparer la collecte en porte-à-porte et les apports en déchèterie.", "porte-à-porte, point d'apport ou déchèterie"),
        Col("secteur", "t", "Pour comparer les secteurs de collecte.", "le secteur"),
        Col("tonnage", "d3", "Pour mesurer les quantités et la part recyclée.", "le poids collecté en tonnes"),
        Col("taux_refus", "d1", "Pour savoir quelle part du tri est mal faite.", "la part refusée au centre de tri, en %"),
    ]
    tables = []
    for y in years:
        rows = []
        for i in range(n):
            m = (i // len(FLUX)) % 12 + 1
            f = FLUX[i % len(FLUX)]
            rows.append([f"{y}-{m:02d}", f, pick(r, ["porte-à-porte", "point d'apport volontaire", "déchèterie"]),
                         pick(r, SECTEURS[:5]), round(r.uniform(0.5, 900), 3),
                         round(r.uniform(2, 25), 1) if f == "emballages et papiers" else None])
        tables.append(Table(f"tonnages-dechets-{y}.csv", f"Tonnages collectés par mois, {y}",
                            "Une ligne par mois, par type de déchet et par secteur.", cols, rows))
    yr = "-".join(map(str, years))
    return dict(
        title=f"Tonnages de déchets collectés {yr}",
        summary=f"Les tonnes de déchets collectées chaque mois en {yr}, par type de déchet et par secteur.",
        keywords=["déchets", "collecte", "recyclage", "tri", "déchèterie"],
        themes=["ENVI"], frequency="MONTHLY", service=("Service de la gestion des déchets", "dechets"),
        temporal=(f"{years[0]}-01", f"{years[-1]}-12"), tables=tables,
        usage=usage(
            "Mesurer ce que le territoire jette et ce qu'il recycle.",
            ["L'organisation des tournées de collecte.", "Le montant de la taxe d'enlèvement des ordures ménagères."],
            "legal-obligation", "Code général des collectivités territoriales, article D2224-1 (rapport annuel sur le service public des déchets)",
            "Les pesées des camions à l'entrée des centres de traitement", "Le service de la gestion des déchets",
            "none", "Sans limite de durée.", ["Le centre de tri et l'éco-organisme des emballages."], url=LEGIFRANCE),
        intro="Que deviennent nos poubelles ? Ce fichier donne les tonnages collectés chaque mois, par type de "
              "déchet, pour suivre les progrès du tri et du recyclage.",
        process="Chaque camion est pesé à l'entrée du centre de tri ou de l'usine de traitement. Les pesées sont "
                "additionnées par mois, par type de déchet et par secteur de collecte.",
    )


def fam_comptages(t, r, years, n, publisher):
    mode = pick(r, ["vélos", "piétons", "véhicules"])
    sites = [f"{x} — sens {s}" for x in ["Pont de la Vive", "Avenue de la Gare", "Quai des Tanneurs", "Entrée nord"]
             for s in ("entrant", "sortant")]
    sites = r.sample(sites, r.randint(1, 4))
    cols = [
        Col("date", "D", "Pour suivre les passages jour après jour.", "le jour"),
        Col("compteur", "t", "Pour savoir où les passages ont été comptés.", "le compteur et le sens"),
        Col("passages", "i", f"Pour mesurer le nombre de {mode} et son évolution.", f"le nombre de {mode}"),
        Col("jour_ferie", "b", "Pour expliquer les jours inhabituels.", "oui si le jour est férié"),
        Col("temperature_moyenne", "d1", "Pour relier les passages à la météo.", "la température moyenne en degrés Celsius"),
    ]
    tables = []
    for y in years:
        rows = []
        for i in range(n):
            day = dt.date(y, 1, 1) + dt.timedelta(days=(i // len(sites)) % 365)
            rows.append([day, sites[i % len(sites)], r.randrange(40, 4000),
                         (day.month, day.day) in {(5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11)},
                         round(r.uniform(-3, 31), 1)])
        tables.append(Table(f"comptages-{slugify(mode)}-{y}.csv", f"Passages par jour, {y}",
                            "Une ligne par jour et par compteur.", cols, rows))
    yr = "-".join(map(str, years))
    return dict(
        title=f"Comptages des {mode} {yr}",
        summary=f"Le nombre de {mode} comptés chaque jour par les compteurs automatiques en {yr}.",
        keywords=["mobilité", "comptage", mode, "déplacements"],
        themes=["TRAN"], frequency="DAILY", service=("Service des mobilités", "voirie"),
        temporal=(f"{years[0]}-01-01", f"{years[-1]}-12-31"), tables=tables,
        usage=usage(
            "Connaître les déplacements pour aménager les rues.",
            ["Le tracé des pistes cyclables.", "Le réglage des feux et des zones de rencontre."],
            "public-interest", "Pouvoirs de police de la circulation du maire (code général des collectivités territoriales, article L2213-1)",
            "Des boucles de comptage dans la chaussée, relevées à distance", "Le service des mobilités",
            "aggregated", "Sans limite de durée.", ["Les bureaux d'études chargés des plans de circulation."],
            url=LEGIFRANCE),
        intro=f"Des compteurs automatiques enregistrent le passage des {mode} sans prendre d'image ni "
              "reconnaître personne. Ce fichier donne les totaux par jour.",
        process="Les compteurs envoient leurs relevés chaque nuit. Les journées de panne sont retirées ; la "
                "température vient de la station météo la plus proche.",
    )


ECOLES = ["École maternelle des Tilleuls", "École élémentaire des Acacias", "École primaire du Moulin",
          "École maternelle de la Gare", "École élémentaire du Centre", "Groupe scolaire des Prés"]
NIVEAUX = ["TPS", "PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2", "ULIS"]


def fam_effectifs(t, r, years, n, publisher):
    cols = [
        Col("annee_scolaire", "c", "Pour suivre les effectifs d'une rentrée à l'autre.", "l'année scolaire"),
        Col("ecole", "t", "Pour connaître les effectifs de chaque école.", "l'école"),
        Col("niveau", "c", "Pour prévoir les classes des années suivantes.", "le niveau"),
        Col("nombre_classes", "i", "Pour savoir combien de classes accueillent ce niveau.", "le nombre de classes"),
        Col("effectif", "i", "Pour prévoir les locaux, les repas et le personnel.", "le nombre d'élèves"),
        Col("eleves_par_classe", "d1", "Pour suivre les conditions d'accueil.", "le nombre moyen d'élèves par classe"),
    ]
    tables = []
    for y in years:
        rows = []
        for i in range(n):
            e = ECOLES[(i // len(NIVEAUX)) % len(ECOLES)]
            niv = NIVEAUX[i % len(NIVEAUX)]
            k = r.randint(1, 3)
            eff = r.randint(12 * k, 28 * k)
            rows.append([f"{y}-{y + 1}", e, niv, k, eff, round(eff / k, 1)])
        tables.append(Table(f"effectifs-scolaires-{y}-{y + 1}.csv", f"Effectifs à la rentrée {y}",
                            "Une ligne par école et par niveau.", cols, rows))
    yr = f"{years[0]}-{years[-1] + 1}"
    return dict(
        title=f"Effectifs des écoles publiques {yr}",
        summary=f"Le nombre d'élèves et de classes par école et par niveau, rentrées {yr}. Des totaux, sans données sur les enfants.",
        keywords=["écoles", "effectifs", "éducation", "rentrée scolaire"],
        themes=["EDUC", "SOCI"], frequency="ANNUAL", service=("Service de l'éducation", "scolaire"),
        temporal=(f"{years[0]}-09-01", f"{years[-1] + 1}-07-05"), tables=tables,
        usage=usage(
            "Prévoir les classes, les locaux et les repas des écoles publiques.",
            ["L'ouverture et la fermeture de classes, avec l'Éducation nationale.", "Les travaux d'agrandissement des écoles."],
            "legal-obligation", "Code de l'éducation, article L212-4 (charge des écoles publiques)",
            "Les directions d'école, au jour de la rentrée", "Le service de l'éducation",
            "aggregated", "Sans limite de durée.", ["La direction académique des services de l'Éducation nationale."],
            url=LEGIFRANCE),
        intro="Combien d'enfants dans chaque école ? Ce fichier donne les effectifs constatés à la rentrée, par "
              "niveau. Il sert à prévoir les classes et les repas.",
        process="Les directions d'école transmettent leurs effectifs au service de l'éducation le jour de la "
                "rentrée ; les chiffres sont vérifiés un mois plus tard.",
    )


def fam_tarifs(t, r, years, n, publisher):
    service, de_service = pick(r, [("restauration scolaire", "de la restauration scolaire"),
                                   ("accueil périscolaire", "de l'accueil périscolaire"),
                                   ("centre de loisirs", "du centre de loisirs"),
                                   ("conservatoire", "du conservatoire")])
    cols = [
        Col("annee_scolaire", "c", "Pour savoir pour quelle année le tarif est voté.", "l'année scolaire"),
        Col("prestation", "t", "Pour savoir quel service est facturé.", "la prestation"),
        Col("residence", "t", "Pour distinguer le tarif des habitants de celui des familles d'autres communes.", "habitants ou extérieurs"),
        Col("tranche", "c", "Pour désigner la tranche de quotient familial.", "la tranche"),
        Col("quotient_min", "d2", "Pour savoir à partir de quel quotient familial la tranche s'applique.", "le quotient familial minimal, en euros"),
        Col("quotient_max", "d2", "Pour savoir jusqu'à quel quotient familial la tranche s'applique.", "le quotient familial maximal, en euros (vide pour la dernière tranche)"),
        Col("tarif", "d2", "Pour connaître le prix payé par les familles.", "le tarif en euros"),
        Col("unite", "t", "Pour savoir à quoi s'applique le tarif.", "l'unité facturée"),
    ]
    prestations = [("repas", "repas"), ("goûter", "goûter"), ("accueil du matin", "heure"),
                   ("accueil du soir", "heure"), ("mercredi, journée", "journée"),
                   ("mercredi, demi-journée", "demi-journée"), ("vacances, journée", "journée"),
                   ("séjour court", "séjour"), ("étude surveillée", "heure"), ("panier-repas", "repas")]
    k = r.randint(4, 10)
    tables = []
    for y in years:
        bounds = [0] + sorted(r.sample(range(300, 2500, 50), k - 1)) + [None]
        rows = []
        for i in range(n):
            tr = i % k
            presta, unit = prestations[(i // (2 * k)) % len(prestations)]
            res = "habitants" if (i // k) % 2 == 0 else "extérieurs"
            lo, hi = bounds[tr], bounds[tr + 1]
            price = (0.5 + 6 * (tr + 1) / k) * (1.3 if res == "extérieurs" else 1.0) * r.uniform(0.9, 1.1)
            rows.append([f"{y}-{y + 1}", presta, res, f"T{tr + 1}", float(lo),
                         None if hi is None else hi - 0.01, round(price, 2), unit])
        tables.append(Table(f"tarifs-{slugify(service)}-{y}.csv", f"Grille des tarifs {y}-{y + 1}",
                            "Une ligne par prestation, par lieu de résidence et par tranche de quotient familial.",
                            cols, rows))
    yr = f"{years[0]}-{years[-1] + 1}"
    return dict(
        title=f"Tarifs : {service} {yr}",
        summary=f"Les tarifs {de_service} selon le quotient familial, votés pour {yr}, et la règle qui fixe le tarif de chaque famille.",
        keywords=["tarifs", "quotient familial", service, "familles"],
        themes=["EDUC", "SOCI", "ECON"], frequency="ANNUAL", service=("Service de l'éducation", "periscolaire"),
        temporal=(f"{years[0]}-09-01", f"{years[-1] + 1}-08-31"), tables=tables,
        usage=usage(
            "Faire payer à chaque famille un prix qui tient compte de ses ressources.",
            ["Le tarif facturé à chaque famille.", "Le vote annuel de la grille par le conseil."],
            "public-interest", "Code général des collectivités territoriales, article L2331-2, et délibération annuelle des tarifs",
            "Le service de l'éducation, à partir du quotient familial communiqué par la caisse d'allocations familiales",
            "Le service de l'éducation", "none", "La grille est conservée dix ans.",
            ["Le comptable public, qui encaisse les factures."],
            algorithm={
                "name": f"Calcul du tarif {de_service}",
                "purpose": "Donner à chaque famille le tarif de la tranche qui correspond à son quotient familial.",
                "automation": "full",
                "rules": "Le quotient familial du mois de septembre place la famille dans une tranche ; le tarif "
                         "de la tranche s'applique toute l'année. Sans quotient connu, la tranche la plus haute s'applique.",
                "data": "Le quotient familial, transmis par la caisse d'allocations familiales avec l'accord de la famille.",
                "human_oversight": "Le service de l'éducation vérifie les cas signalés et corrige la tranche sur justificatif.",
                "contest": "Écrire au service de l'éducation dans les deux mois qui suivent la facture.",
                "url": f"https://www.{t.domain}/education/tarifs",
            }),
        intro=f"Le prix {de_service} dépend des ressources de la famille. Ce fichier publie la grille votée par "
              "le conseil et explique la règle de calcul, pour que chacun puisse vérifier son tarif.",
        process="La grille est votée chaque année au printemps. Le quotient familial vient de la caisse "
                "d'allocations familiales ; aucune donnée sur une famille n'est publiée ici.",
    )


MATIERES = [("1.1", "Marchés publics"), ("2.1", "Documents d'urbanisme"), ("3.1", "Acquisitions"),
            ("4.1", "Personnel titulaire"), ("5.3", "Désignation de représentants"),
            ("7.1", "Décisions budgétaires"), ("7.5", "Subventions"), ("8.1", "Enseignement"),
            ("8.3", "Voirie"), ("9.1", "Autres domaines de compétences des communes")]
OBJETS = ["Approbation du compte de gestion", "Tarifs de la piscine municipale", "Convention avec l'office de tourisme",
          "Attribution du marché de travaux de voirie", "Acquisition d'une parcelle au lieu-dit Les Prés",
          "Modification du tableau des emplois", "Subvention exceptionnelle au comité des fêtes",
          "Adhésion au groupement de commandes d'énergie", "Dénomination d'une voie nouvelle",
          "Règlement intérieur du restaurant scolaire", "Garantie d'emprunt pour des logements sociaux"]


def fam_deliberations(t, r, years, n, publisher):
    cols = [
        Col("numero", "c", "Pour citer la délibération sans ambiguïté.", "le numéro de la délibération"),
        Col("date_seance", "D", "Pour savoir quand la décision a été prise.", "la date de la séance"),
        Col("matiere_code", "c", "Pour classer la décision selon la nomenclature des actes.", "le code de la matière"),
        Col("matiere", "t", "Pour lire en clair le domaine de la décision.", "la matière"),
        Col("objet", "t", "Pour savoir ce qui a été décidé.", "l'objet"),
        Col("votants", "i", "Pour savoir combien d'élus ont pris part au vote.", "le nombre de votants"),
        Col("pour", "i", "Pour connaître le résultat du vote.", "les voix pour"),
        Col("contre", "i", "Pour connaître le résultat du vote.", "les voix contre"),
        Col("abstentions", "i", "Pour connaître le résultat du vote.", "les abstentions"),
        Col("date_transmission", "D", "Pour savoir quand la décision est devenue exécutoire.", "la date de transmission à la préfecture"),
        Col("lien", "t", "Pour lire le texte intégral.", "l'adresse du texte intégral"),
    ]
    tables = []
    for y in years:
        rows = []
        seances = sorted({date_between(r, dt.date(y, 1, 10), dt.date(y, 12, 15)) for _ in range(10)})
        for i in range(n):
            d = seances[min(len(seances) - 1, i * len(seances) // n)]
            code, mat = pick(r, MATIERES)
            v = r.randint(19, 29)
            contre = r.choice([0, 0, 0, 1, 2, 5])
            abst = r.choice([0, 0, 1, 3])
            num = f"{y}-{i + 1:03d}"
            rows.append([num, d, code, mat, pick(r, OBJETS), v, max(0, v - contre - abst), contre, abst,
                         d + dt.timedelta(days=r.randint(1, 6)), f"https://www.{t.domain}/actes/{num}.pdf"])
        tables.append(Table(f"deliberations-{y}.csv", f"Délibérations de {y}", "Une ligne par délibération.", cols, rows))
    yr = "-".join(map(str, years))
    return dict(
        title=f"Délibérations {yr}",
        summary=f"Les décisions adoptées en {yr} : objet, résultat du vote et lien vers le texte intégral.",
        keywords=["délibérations", "conseil", "décisions", "actes administratifs"],
        themes=["GOVE", "JUST"], frequency="MONTHLY", service=("Secrétariat général", "secretariat-general"),
        temporal=(f"{years[0]}-01-01", f"{years[-1]}-12-31"), tables=tables,
        usage=usage(
            "Faire connaître à tous les décisions de l'assemblée.",
            ["Le contrôle de légalité par la préfecture.", "L'application des décisions par les services."],
            "legal-obligation", "Code général des collectivités territoriales, article L2121-25",
            "Le secrétariat général, après chaque séance", "Le secrétariat général", "none",
            "Sans limite de durée : les délibérations sont des archives publiques.",
            ["La préfecture, au titre du contrôle de légalité."], url=LEGIFRANCE),
        intro="Ce fichier recense les délibérations, c'est-à-dire les décisions votées en séance publique. "
              "Le résultat de chaque vote est donné en nombre de voix ; les élus ne sont pas nommés ici.",
        process="Le secrétariat général saisit chaque délibération après la séance, puis la transmet à la "
                "préfecture. Le texte intégral est publié en PDF.",
    )


ESSENCES = [("Platanus x acerifolia", "Platane commun"), ("Tilia cordata", "Tilleul à petites feuilles"),
            ("Acer platanoides", "Érable plane"), ("Quercus robur", "Chêne pédonculé"),
            ("Aesculus hippocastanum", "Marronnier d'Inde"), ("Fraxinus excelsior", "Frêne commun"),
            ("Prunus avium", "Merisier"), ("Carpinus betulus", "Charme commun"),
            ("Celtis australis", "Micocoulier de Provence"), ("Ginkgo biloba", "Arbre aux quarante écus"),
            ("Liquidambar styraciflua", "Copalme d'Amérique"), ("Sophora japonica", "Sophora du Japon")]


def fam_arbres(t, r, years, n, publisher):
    cols = [
        Col("identifiant", "c", "Pour désigner chaque arbre sans ambiguïté.", "l'identifiant de l'arbre"),
        Col("essence", "t", "Pour connaître l'espèce et ses besoins.", "le nom scientifique"),
        Col("nom_commun", "t", "Pour lire l'espèce en mots de tous les jours.", "le nom commun"),
        Col("voie", "t", "Pour trouver l'arbre.", "la voie ou le parc"),
        Col("quartier", "t", "Pour comparer la place des arbres dans chaque quartier.", "le quartier"),
        Col("hauteur_m", "d1", "Pour prévoir l'élagage.", "la hauteur en mètres"),
        Col("circonference_cm", "i", "Pour estimer l'âge de l'arbre.", "la circonférence du tronc à 1 m du sol, en centimètres"),
        Col("annee_plantation", "i", "Pour connaître l'âge de l'arbre quand il est connu.", "l'année de plantation"),
        Col("remarquable", "b", "Pour repérer les arbres à protéger.", "oui si l'arbre est classé remarquable"),
        Col("latitude", "g6", "Pour placer l'arbre sur une carte.", "la latitude (WGS 84)"),
        Col("longitude", "g6", "Pour placer l'arbre sur une carte.", "la longitude (WGS 84)"),
        Col("date_dernier_controle", "D", "Pour savoir quand l'état de l'arbre a été vérifié.", "la date du dernier contrôle sanitaire"),
    ]
    rows = []
    for i in range(n):
        sci, common = pick(r, ESSENCES)
        lat, lon = t.coord(r)
        voie = pick(r, t.streets).capitalize()
        rows.append([f"ARB-{i + 1:05d}", sci, common, voie, pick(r, t.quartiers), round(r.uniform(3, 28), 1),
                     r.randrange(20, 420), r.randrange(1890, 2024) if r.random() < 0.6 else None,
                     r.random() < 0.05, lat, lon,
                     date_between(r, dt.date(years[-1] - 2, 1, 1), dt.date(years[-1], 12, 31))])
    return dict(
        title=f"Arbres d'alignement et des parcs {t.de()}" + (f" — {pick(r, SECTEURS)}" if r.random() < 0.6 else ""),
        summary=f"Les {n} arbres gérés par le service des espaces verts : espèce, taille, position et dernier contrôle.",
        keywords=["arbres", "patrimoine arboré", "nature en ville", "espaces verts", "biodiversité"],
        themes=["ENVI", "REGI"], frequency="ANNUAL", service=("Service des espaces verts", "environnement"),
        temporal=(f"{years[-1]}", None), licence=pick(r, [None, "odbl-1.0", "cc-by-4.0"]),
        tables=[Table("arbres.csv", "Inventaire des arbres", "Une ligne par arbre.", cols, rows)],
        usage=usage(
            "Connaître et protéger les arbres de la ville.",
            ["Le calendrier des élagages et des abattages.", "Le choix des espèces à planter."],
            "public-interest", "Code de l'environnement, article L350-3 (protection des allées et alignements d'arbres)",
            "Les jardiniers du service des espaces verts, lors des contrôles sanitaires", "Le service des espaces verts",
            "none", "L'inventaire est tenu à jour ; un arbre abattu en est retiré.",
            ["Les entreprises chargées de l'élagage."], url=LEGIFRANCE),
        intro="Ce fichier recense les arbres des rues et des parcs : leur espèce, leur taille, leur position et "
              "la date de leur dernier contrôle sanitaire.",
        process="Chaque arbre porte une étiquette avec son identifiant. Les jardiniers mettent la fiche à jour "
                "à chaque contrôle, sur une tablette.",
    )


def fam_parkings(t, r, years, n, publisher):
    cols = [
        Col("id", "c", "Pour désigner chaque parking sans ambiguïté.", "l'identifiant du parking"),
        Col("nom", "t", "Pour nommer le parking comme les habitants le connaissent.", "le nom"),
        Col("adresse", "t", "Pour trouver le parking.", "l'adresse"),
        Col("places", "i", "Pour savoir combien de voitures peuvent s'y garer.", "le nombre de places"),
        Col("places_pmr", "i", "Pour que les personnes handicapées trouvent une place réservée.", "les places réservées"),
        Col("bornes_recharge", "i", "Pour que les conducteurs de véhicules électriques trouvent une borne.", "le nombre de points de recharge"),
        Col("gratuit", "b", "Pour savoir si le stationnement est payant.", "oui si le parking est gratuit"),
        Col("tarif_horaire", "d2", "Pour connaître le prix voté par le conseil.", "le tarif d'une heure, en euros"),
        Col("hauteur_max_m", "d1", "Pour savoir si un véhicule haut peut entrer.", "la hauteur maximale en mètres"),
        Col("latitude", "g6", "Pour placer le parking sur une carte.", "la latitude (WGS 84)"),
        Col("longitude", "g6", "Pour placer le parking sur une carte.", "la longitude (WGS 84)"),
    ]
    rows = []
    for i in range(n):
        free = r.random() < 0.5
        lat, lon = t.coord(r)
        rows.append([f"PK{i + 1:03d}", f"Parking {EQUIP_NAMES[i % len(EQUIP_NAMES)]}" + (f" {i // len(EQUIP_NAMES) + 1}" if i >= len(EQUIP_NAMES) else ""),
                     t.address(r), r.randrange(12, 600), r.randrange(0, 12), r.randrange(0, 8), free,
                     None if free else round(r.choice([0.8, 1.0, 1.2, 1.5, 2.0]), 2),
                     round(r.uniform(1.9, 2.6), 1) if r.random() < 0.3 else None, lat, lon])
    return dict(
        title=f"Parkings publics {t.de()}" + (f" — {pick(r, SECTEURS)}" if r.random() < 0.5 else ""),
        summary=f"Les {n} parkings publics : places, places réservées, bornes de recharge et tarifs.",
        keywords=["stationnement", "parkings", "mobilité", "voiture électrique", "accessibilité"],
        themes=["TRAN", "REGI"], frequency="IRREG", service=("Service de la voirie", "voirie"),
        temporal=(f"{years[-1]}-01-01", None), licence=pick(r, [None, "odbl-1.0"]),
        tables=[Table("parkings.csv", "Liste des parkings publics", "Un parking par ligne.", cols, rows)],
        external=("https://transport.data.gouv.fr/datasets?type=private-parking",
                  "Base nationale des lieux de stationnement (transport.data.gouv.fr)"),
        usage=usage(
            "Aider chacun à trouver où se garer, avec les places réservées et les bornes de recharge.",
            ["Les calculateurs d'itinéraires.", "Le choix des parkings à équiper de nouvelles bornes."],
            "legal-obligation", "Code des transports, article L1115-1 (ouverture des données de mobilité)",
            "Le service de la voirie, à chaque réaménagement", "Le service de la voirie", "none",
            "La liste est tenue à jour ; un parking fermé en est retiré.",
            ["La base nationale des lieux de stationnement."], url=LEGIFRANCE),
        intro="Où se garer ? Ce fichier décrit les parkings publics : nombre de places, places réservées aux "
              "personnes handicapées, bornes de recharge et tarifs.",
        process="Le service de la voirie compte les places à chaque réaménagement. Les tarifs sont ceux votés "
                "par le conseil.",
    )


SOCIETES = ["Société des travaux du Val SAS", "Entreprise Bâtiment Centre SARL", "Groupe Services Propreté SA",
            "Société Informatique des Territoires SAS", "Entreprise Routes et Réseaux SARL",
            "Société Restauration Collective de l'Ouest SAS", "Groupe Énergies Nouvelles SA",
            "Entreprise Espaces Verts du Bocage SARL", "Société Imprimerie Moderne SARL",
            "Groupe Transports Scolaires Réunis SA", "Entreprise Électricité Générale SARL"]
MARCHE_OBJETS = [("travaux", "Réfection de la voirie"), ("travaux", "Rénovation énergétique d'une école"),
                 ("services", "Nettoyage des bâtiments publics"), ("fournitures", "Fourniture de repas"),
                 ("services", "Maintenance de l'éclairage public"), ("fournitures", "Achat de véhicules électriques"),
                 ("services", "Transport scolaire"), ("fournitures", "Fournitures de bureau"),
                 ("services", "Entretien des espaces verts"), ("travaux", "Extension du cimetière")]


def fam_marches(t, r, years, n, publisher):
    cols = [
        Col("numero_marche", "c", "Pour citer le marché sans ambiguïté.", "le numéro du marché"),
        Col("objet", "t", "Pour savoir ce qui est acheté.", "l'objet du marché"),
        Col("categorie", "t", "Pour distinguer travaux, fournitures et services.", "la catégorie"),
        Col("procedure", "t", "Pour savoir comment l'entreprise a été choisie.", "la procédure de passation"),
        Col("titulaire", "t", "Pour savoir quelle entreprise a remporté le marché.", "l'entreprise titulaire"),
        Col("siret_titulaire", "c", "Pour identifier l'entreprise sans ambiguïté.", "son numéro SIRET"),
        Col("date_notification", "D", "Pour savoir quand le marché a commencé.", "la date de notification"),
        Col("montant_ht", "d2", "Pour rendre compte de la dépense engagée.", "le montant hors taxes en euros"),
        Col("duree_mois", "i", "Pour connaître la durée de l'engagement.", "la durée en mois"),
    ]
    sirets = {s: make_siret(r) for s in SOCIETES}
    tables = []
    for y in years:
        rows = []
        for i in range(n):
            cat, obj = pick(r, MARCHE_OBJETS)
            soc = pick(r, SOCIETES)
            amount = round(r.uniform(25000, 2_500_000), 2)
            proc = "procédure adaptée" if amount < 221000 else pick(r, ["appel d'offres ouvert", "procédure négociée"])
            rows.append([f"{y}-M{i + 1:03d}", obj, cat, proc, soc, sirets[soc],
                         date_between(r, dt.date(y, 1, 5), dt.date(y, 12, 20)), amount, r.choice([6, 12, 24, 36, 48])])
        tables.append(Table(f"marches-publics-{y}.csv", f"Marchés notifiés en {y}", "Un marché par ligne.", cols, rows))
    yr = "-".join(map(str, years))
    return dict(
        title=f"Marchés publics attribués {yr}",
        summary=f"Les marchés publics notifiés en {yr} : objet, entreprise retenue, montant et durée.",
        keywords=["marchés publics", "commande publique", "achats", "entreprises"],
        themes=["ECON", "GOVE"], frequency="QUARTERLY", service=("Service de la commande publique", "commande-publique"),
        temporal=(f"{years[0]}-01-01", f"{years[-1]}-12-31"), tables=tables,
        usage=usage(
            "Rendre transparente la commande publique.",
            "Le suivi de l'exécution des marchés et des dépenses engagées.",
            "legal-obligation", "Code de la commande publique, article R2196-1 (données essentielles des marchés)",
            "Le service de la commande publique, à la notification de chaque marché",
            "Le service de la commande publique", "none", "Cinq ans après la fin du marché.",
            ["Le profil d'acheteur et la plateforme nationale des données essentielles."], url=LEGIFRANCE),
        intro="La loi demande de publier les données essentielles des marchés publics. Ce fichier les reprend "
              "pour tous les marchés notifiés dans l'année. Les titulaires sont des entreprises.",
        process="Le service de la commande publique saisit chaque marché à sa notification. Les montants sont "
                "ceux du contrat, hors taxes.",
    )


def fam_etat_civil(t, r, years, n, publisher):
    cols = [
        Col("annee", "i", "Pour suivre l'évolution de la population.", "l'année"),
        Col("mois", "i", "Pour voir les variations selon les saisons.", "le mois (1 à 12)"),
        Col("evenement", "t", "Pour distinguer les actes d'état civil.", "le type d'acte"),
        Col("quartier", "t", "Pour savoir où vivent les familles concernées, à l'échelle du quartier.", "le quartier de résidence"),
        Col("nombre", "i", "Pour compter les actes, sans rien dire des personnes.", "le nombre d'actes"),
        Col("dont_hors_commune", "i", "Pour mesurer ce qui concerne des habitants d'autres communes.", "dont les actes concernant des habitants d'autres communes"),
    ]
    events = ["naissances", "décès", "mariages", "pactes civils de solidarité", "reconnaissances"]
    tables = []
    for y in years:
        rows = []
        for i in range(n):
            m = (i // len(events)) % 12 + 1
            quartier = t.quartiers[(i // (12 * len(events))) % len(t.quartiers)]
            k = r.randrange(5, 90)
            rows.append([y, m, events[i % len(events)], quartier, k, r.randrange(0, k // 2 + 1)])
        tables.append(Table(f"etat-civil-{y}.csv", f"Actes d'état civil par mois, {y}",
                            "Une ligne par mois et par type d'acte.", cols, rows))
    yr = "-".join(map(str, years))
    return dict(
        title=f"Statistiques d'état civil {yr}",
        summary=f"Le nombre de naissances, décès, mariages et pactes civils de solidarité enregistrés chaque mois en {yr}.",
        keywords=["état civil", "naissances", "décès", "mariages", "démographie"],
        themes=["SOCI", "GOVE"], frequency="MONTHLY", service=("Service de l'état civil", "etat-civil"),
        temporal=(f"{years[0]}-01", f"{years[-1]}-12"), tables=tables,
        usage=usage(
            "Faire connaître l'évolution de la population à partir des actes d'état civil.",
            ["L'organisation du service de l'état civil.", "Les prévisions d'effectifs des crèches et des écoles."],
            "legal-obligation", "Code civil, article 34, et instruction générale relative à l'état civil",
            "Les officiers de l'état civil, à chaque acte", "Le service de l'état civil", "aggregated",
            "Les totaux sont conservés sans limite ; les actes eux-mêmes suivent les règles des archives.",
            ["L'Institut national de la statistique et des études économiques (Insee)."], url=LEGIFRANCE),
        intro="Ce fichier compte les actes d'état civil dressés chaque mois. Il ne contient que des nombres : "
              "aucun nom, aucune date de naissance, aucune adresse.",
        process="Le logiciel d'état civil compte les actes à la fin de chaque mois. Les chiffres sont ceux "
                "transmis à l'Insee.",
    )


AIDES = ["aide alimentaire", "secours d'urgence", "aide à l'énergie", "aide au paiement de la cantine",
         "aide aux départs en vacances", "bourse au permis de conduire", "aide au transport", "aide à l'installation"]


def fam_aides(t, r, years, n, publisher):
    cols = [
        Col("annee", "i", "Pour suivre les aides d'une année à l'autre.", "l'année"),
        Col("trimestre", "c", "Pour voir les périodes où les besoins augmentent.", "le trimestre"),
        Col("secteur", "t", "Pour savoir dans quels quartiers les besoins sont les plus forts.", "le secteur d'intervention"),
        Col("type_aide", "t", "Pour savoir à quels besoins répondent les aides.", "le type d'aide"),
        Col("nombre_aides", "i", "Pour mesurer combien de fois le centre est intervenu.", "le nombre d'aides"),
        Col("nombre_foyers", "i", "Pour savoir combien de foyers différents ont été aidés.", "le nombre de foyers"),
        Col("montant_total", "d2", "Pour rendre compte de l'argent public consacré à chaque aide.", "le montant total en euros"),
        Col("remarque", "t", "Pour expliquer une ligne incomplète.", "une remarque"),
    ]
    tables = []
    for y in years:
        rows = []
        for i in range(n):
            q = (i // len(AIDES)) % 4 + 1
            sect = SECTEURS[(i // (4 * len(AIDES))) % len(SECTEURS)]
            foyers = r.randrange(0, 160)
            if foyers < 5:
                rows.append([y, f"T{q}", sect, AIDES[i % len(AIDES)], None, None, None,
                             "Moins de cinq foyers : chiffres masqués pour protéger les personnes."])
            else:
                k = foyers + r.randrange(0, foyers)
                rows.append([y, f"T{q}", sect, AIDES[i % len(AIDES)], k, foyers,
                             round(k * r.uniform(40, 300), 2), None])
        tables.append(Table(f"aides-facultatives-{y}.csv", f"Aides accordées en {y}",
                            "Une ligne par trimestre et par type d'aide.", cols, rows))
    yr = "-".join(map(str, years))
    return dict(
        title=f"Aides sociales facultatives {yr}",
        summary=f"Le nombre et le montant des aides accordées en {yr}, par trimestre et par type d'aide. Chiffres agrégés.",
        keywords=["action sociale", "solidarité", "aides", "précarité"],
        themes=["SOCI", "ECON"], frequency="QUARTERLY", service=("Centre communal d'action sociale", "ccas"),
        temporal=(f"{years[0]}", f"{years[-1]}"), tables=tables,
        usage=usage(
            "Rendre compte de l'aide apportée aux habitants en difficulté, et adapter les aides aux besoins.",
            ["Le budget des aides facultatives.", "Le barème des aides, révisé quand les besoins changent."],
            "public-interest", "Code de l'action sociale et des familles, article L123-5",
            "Le service des aides, à partir des dossiers de demande", "Le service des aides", "aggregated",
            "Les totaux sont conservés sans limite ; les dossiers individuels, jamais publiés, sont détruits cinq ans après la dernière aide.",
            ["Le conseil d'administration, qui vote le budget des aides."],
            algorithm={
                "name": "Barème des aides facultatives",
                "purpose": "Proposer un montant d'aide qui tient compte des ressources et des charges du foyer.",
                "automation": "decision-support",
                "rules": "Reste à vivre par part : sous 250 euros, le montant maximal ; de 250 à 450 euros, la moitié ; au-delà, aucune aide.",
                "data": "Les ressources, les charges et la composition du foyer, déclarées par le demandeur.",
                "human_oversight": "La commission permanente décide ; elle peut s'écarter du barème en motivant sa décision.",
                "contest": "Écrire au président du centre dans les deux mois qui suivent la décision.",
            }),
        intro="Ce fichier montre combien d'aides facultatives ont été accordées, à combien de foyers et pour "
              "quel montant. Quand moins de cinq foyers sont concernés, les chiffres sont masqués.",
        process="Les totaux sont calculés à partir des dossiers à la fin de chaque trimestre. Aucune information "
                "individuelle n'est publiée.",
    )


def fam_eclairage(t, r, years, n, publisher):
    cols = [
        Col("armoire", "c", "Pour désigner l'armoire électrique qui commande les lampadaires.", "l'identifiant de l'armoire"),
        Col("voie", "t", "Pour savoir quelle rue est éclairée.", "la voie"),
        Col("quartier", "t", "Pour comparer les quartiers.", "le quartier"),
        Col("points_lumineux", "i", "Pour savoir combien de lampadaires compte la rue.", "le nombre de points lumineux"),
        Col("puissance_w", "i", "Pour mesurer la consommation électrique.", "la puissance totale en watts"),
        Col("technologie", "t", "Pour suivre le passage aux lampes économes.", "LED ou sodium"),
        Col("extinction_nocturne", "b", "Pour savoir si la rue est éteinte la nuit.", "oui si l'éclairage est coupé la nuit"),
        Col("heure_extinction", "c", "Pour savoir à quelle heure l'éclairage s'éteint.", "l'heure d'extinction"),
        Col("date_renovation", "D", "Pour connaître l'âge de l'installation.", "la date de la dernière rénovation"),
    ]
    rows = []
    for i in range(n):
        k = r.randrange(3, 60)
        led = r.random() < 0.55
        ext = r.random() < 0.6
        rows.append([f"AR-{i // 4 + 1:03d}", pick(r, t.streets).capitalize(), pick(r, t.quartiers), k,
                     k * (r.choice([30, 40, 50]) if led else r.choice([70, 100, 150])),
                     "LED" if led else "sodium haute pression", ext, pick(r, ["22:30", "23:00", "00:00"]) if ext else None,
                     date_between(r, dt.date(2005, 1, 1), dt.date(years[-1], 12, 31)) if r.random() < 0.8 else None])
    return dict(
        title=f"Éclairage public {t.de()}" + (f" — {pick(r, SECTEURS)}" if r.random() < 0.6 else ""),
        summary=f"Les {n} tronçons d'éclairage public : nombre de lampadaires, puissance, technologie et extinction nocturne.",
        keywords=["éclairage public", "énergie", "sobriété", "nuit noire", "biodiversité"],
        themes=["ENER", "ENVI", "REGI"], frequency="ANNUAL", service=("Service de l'éclairage public", "travaux"),
        temporal=(f"{years[-1]}", None), tables=[Table("eclairage-public.csv", "Éclairage public par voie",
                                                       "Une ligne par voie et par armoire.", cols, rows)],
        usage=usage(
            "Suivre la consommation de l'éclairage public et l'extinction nocturne.",
            ["Le programme de remplacement des lampes.", "Les horaires d'extinction votés par le conseil."],
            "public-interest", "Pouvoirs de police du maire (code général des collectivités territoriales, article L2212-2)",
            "Le service de l'éclairage public, lors des tournées de maintenance", "Le service de l'éclairage public",
            "none", "La liste est tenue à jour.", ["Le syndicat d'énergie, qui finance une partie des travaux."],
            url=LEGIFRANCE),
        intro="Combien de lampadaires, de quelle puissance, éteints à quelle heure ? Ce fichier décrit "
              "l'éclairage public rue par rue.",
        process="Les données viennent du logiciel de maintenance de l'éclairage public, mis à jour après chaque "
                "intervention.",
    )


FAMILIES = [
    (fam_budget, 1.2, ["ecoles", "ccas", "eaux", "epci", "sem", "piscine"]),
    (fam_subventions, 1.0, []),
    (fam_equipements, 0.7, []),
    (fam_frequentation, 1.0, ["tourisme", "musee", "conservatoire", "piscine", "theatre"]),
    (fam_eau, 0.7, ["eaux", "assainissement"]),
    (fam_energie, 0.8, ["energie"]),
    (fam_dechets, 0.8, ["dechets", "epci"]),
    (fam_comptages, 0.8, ["transports"]),
    (fam_effectifs, 0.7, ["ecoles"]),
    (fam_tarifs, 0.6, ["ecoles", "conservatoire"]),
    (fam_deliberations, 0.9, []),
    (fam_arbres, 0.6, ["pnr"]),
    (fam_parkings, 0.5, ["transports"]),
    (fam_marches, 0.8, ["sem", "epci", "habitat"]),
    (fam_etat_civil, 0.6, []),
    (fam_aides, 0.6, ["ccas"]),
    (fam_eclairage, 0.5, ["energie"]),
]
FAMILY_WEIGHTS = [w for _, w, _ in FAMILIES]

# ---------------------------------------------------------------------------
# Writing


def front_matter(d: dict) -> str:
    L = ["---", f"title: {yq(d['title'])}", f"summary: {yq(d['summary'])}",
         "keywords: [" + ", ".join(yq_flow(k) for k in d["keywords"]) + "]",
         "themes: [" + ", ".join(d["themes"]) + "]"]
    if d.get("publisher"):
        L.append(f"publisher: {d['publisher']}")
    L += ["contact:", f"  name: {yq(d['contact'][0])}", f"  email: {d['contact'][1]}"]
    if d.get("licence"):
        L.append(f"licence: {d['licence']}")
    L.append(f"frequency: {d['frequency']}")
    start, end = d["temporal"]

    def tv(v: str) -> str:
        return v if len(v) == 10 else f'"{v}"'
    parts = [f"start: {tv(start)}"] + ([f"end: {tv(end)}"] if end else [])
    L.append("temporal: { " + ", ".join(parts) + " }")
    L.append("spatial: { name: " + yq(d["spatial"][0]) + ", insee: [" + ", ".join(f'"{c}"' for c in d["spatial"][1]) + "] }")
    L += [f"created: {d['created'].isoformat()}", f"modified: {d['modified'].isoformat()}"]
    if d.get("featured"):
        L.append("featured: true")
    L.append("resources:")
    for tab, dia in d["files"]:
        L += [f"  - path: {tab.name}", f"    title: {yq(tab.title)}",
              f"    description: {yq(tab.description + ' ' + dia.describe(tab))}"]
    if d.get("external"):
        url, title = d["external"]
        L += [f"  - url: {url}", f"    title: {yq(title)}"]
    L.append("why:")
    seen = set()
    for tab, _ in d["files"]:
        for c in tab.cols:
            if c.name not in seen:
                seen.add(c.name)
                L.append(f"  {c.name}: {yq(c.why)}")
    u = d["usage"]
    L += ["usage:", f"  purpose: {yq(u['purpose'])}"]
    if isinstance(u["decisions"], list):
        L.append("  decisions:")
        L += [f"    - {yq(x)}" for x in u["decisions"]]
    else:
        L.append(f"  decisions: {yq(u['decisions'])}")
    lb = u["legal_basis"]
    L += ["  legal_basis:", f"    kind: {lb['kind']}", f"    reference: {yq(lb['reference'])}"]
    if "url" in lb:
        L.append(f"    url: {lb['url']}")
    L += [f"  collected_by: {yq(u['collected_by'])}", f"  maintained_by: {yq(u['maintained_by'])}",
          f"  personal_data: {u['personal_data']}", f"  retention: {yq(u['retention'])}", "  recipients:"]
    L += [f"    - {yq(x)}" for x in u["recipients"]]
    L += ["  questions:", f"    contact: {d['contact'][1]}", f"    dpo: {d['dpo']}"]
    if u.get("algorithm"):
        L.append("  algorithm:")
        for k, v in u["algorithm"].items():
            L.append(f"    {k}: {yq(v)}")
    L.append("---")
    return "\n".join(L) + "\n"


def body(d: dict, link) -> str:
    parts = [wrap(d["intro"]), "## Comment ces données sont produites", wrap(d["process"] + " "
             + f"Pour toute question : {d['contact'][1]} ({d['contact'][0]}).")]
    parts.append("## Les colonnes")
    seen = set()
    items = []
    for tab, _ in d["files"]:
        for c in tab.cols:
            if c.name not in seen:
                seen.add(c.name)
                items.append(f"- `{c.name}` : {c.desc}.")
    parts.append("\n".join(items))
    parts.append("## Format des fichiers")
    for tab, dia in d["files"]:
        parts.append(wrap(f"`{tab.name}` ({len(tab.rows)} lignes) : {dia.describe(tab)}"))
    if link:
        parts.append(wrap(f"Ce jeu de données se lit utilement avec [{link[1]}](../{link[0]}/index.md)."))
    return "\n\n".join(parts) + "\n"


def write(path: str, data: bytes | str, stats: dict) -> None:
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    stats["bytes"] += len(data)


def file_name_variant(r: random.Random, name: str) -> str:
    """Some services name their exports in capitals with underscores."""
    if r.random() < 0.15:
        stem, ext = name.rsplit(".", 1)
        return stem.upper().replace("-", "_") + "." + ext
    return name


def make_dataset(t: Territory, seed: int, i: int, rows_min: int, rows_max: int, slugs: set, order: list,
                 stats: dict, out: str):
    r = random.Random(f"dataset:{seed}:{i}")
    fam, _, publishers = r.choices(FAMILIES, weights=FAMILY_WEIGHTS)[0]
    cands = [t.org_by_kind[k] for k in publishers if k in t.org_by_kind]
    publisher = pick(r, cands) if cands and r.random() < 0.6 else None
    two = r.random() < 0.35
    y = pick(r, YEARS[1:] if two else YEARS)
    years = [y - 1, y] if two else [y]
    n = r.randint(rows_min, rows_max)
    d = fam(t, r, years, n, publisher)

    # A unique address: the title gets a qualifier when another has it.
    base_title = d["title"]
    k = 0
    while True:
        title = base_title if k == 0 else (f"{base_title} ({SECTEURS[k - 1]})" if k <= len(SECTEURS) else f"{base_title} (série {k})")
        slug = slugify(title)
        if slug not in slugs:
            break
        k += 1
    d["title"] = title
    slugs.add(slug)

    if publisher:
        d["publisher"] = publisher["slug"]
        d["contact"] = (publisher["title"], publisher["email"])
    else:
        d["publisher"] = t.authority_slug if r.random() < 0.3 else None
        d["contact"] = (d["service"][0], t.email(d["service"][1]))
    d["dpo"] = t.email("dpo")
    d.setdefault("licence", None)
    if d["licence"] is None and r.random() < 0.25:
        d["licence"] = "etalab-2.0"
    d["spatial"] = (t.commune, [t.insee] + (t.other_insee[: r.randint(1, 5)] if t.kind == "epci" or r.random() < 0.1 else []))
    end_year = years[-1]
    created = date_between(r, dt.date(min(end_year + 1, 2025), 1, 10), dt.date(min(end_year + 1, 2025), 12, 20))
    d["created"] = created
    d["modified"] = date_between(r, created, TODAY)
    d["featured"] = r.random() < 0.04
    if d.get("external") is None and r.random() < 0.15:
        d["external"] = ("https://www.data.gouv.fr/fr/organizations/", "Les autres jeux de données de la collectivité sur data.gouv.fr")
    d["files"] = []
    used = set()
    for tab in d["tables"]:
        tab.name = file_name_variant(r, tab.name)
        assert tab.name not in used
        used.add(tab.name)
        d["files"].append((tab, Dialect(r)))
    # A link to an earlier dataset, as descriptions often have.
    link = order[r.randrange(i)] if i > 0 and r.random() < 0.3 else None
    order.append((slug, title))

    folder = os.path.join(out, "datasets", slug)
    os.makedirs(folder)
    for tab, dia in d["files"]:
        write(os.path.join(folder, tab.name), dia.render(tab), stats)
        stats["files"] += 1
        stats["rows"] += len(tab.rows)
        stats["enc"][dia.encoding] = stats["enc"].get(dia.encoding, 0) + 1
    text = front_matter(d) + "\n" + body(d, link)
    write(os.path.join(folder, "index.md"), text, stats)


def write_portal_files(t: Territory, out: str, stats: dict) -> None:
    toml = f"""# Portail de données synthétique, fait par benches/gen-portal.py pour les mesures de performance.
# La collectivité, ses organismes et toutes les données sont inventés.

title = {toml_str(f"Données ouvertes {t.de()}")}
tagline = "Les données publiques de la collectivité, expliquées et téléchargeables librement"
base_url = "https://donnees.{t.domain}/"
language = "fr"
licence = "etalab-2.0"
contact = "{t.email('donnees')}"

[authority]
name = {toml_str(t.authority)}
kind = "{t.kind}"
siren = "{t.siren}"
siret = "{t.siret}"
""" + (f'insee = "{t.insee}"\n' if t.kind == "commune" else "") + f"""
[theme]
logo = "static/logo.svg"
main_color = "{t.color}"
"""
    write(os.path.join(out, "ouvert.toml"), toml, stats)
    os.makedirs(os.path.join(out, "static"))
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="{t.commune}">'
           f'<rect width="64" height="64" rx="12" fill="{t.color}"/>'
           f'<text x="32" y="42" font-family="sans-serif" font-size="28" text-anchor="middle" fill="#fff">'
           f'{t.commune[0]}</text></svg>\n')
    write(os.path.join(out, "static", "logo.svg"), svg, stats)

    os.makedirs(os.path.join(out, "organizations"))
    auth = f"""---
title: {yq(t.authority)}
siren: "{t.siren}"
website: https://www.{t.domain}
email: {t.email('donnees')}
logo: static/logo.svg
---

{wrap(f"{t.authority} compte environ {t.population} habitants, au bord de {t.river}. Elle publie sur ce portail "
      "les données qu'elle produit pour rendre ses services : budget, équipements, écoles, environnement, "
      "mobilités. Chaque jeu de données dit à quoi il sert et pourquoi chaque colonne existe.")}

*Cette collectivité est fictive : elle sert aux mesures de performance d'ouvert.*
"""
    write(os.path.join(out, "organizations", f"{t.authority_slug}.md"), auth, stats)
    for o in t.orgs:
        text = f"""---
title: {yq(o['title'])}
siret: "{o['siret']}"
website: {o['website']}
email: {o['email']}
---

{wrap(f"Cet organisme {o['blurb']}. Il publie sur ce portail les données de son activité, "
      "toujours sous forme de totaux ou de listes d'équipements : rien sur les personnes.")}
"""
        write(os.path.join(out, "organizations", f"{o['slug']}.md"), text, stats)

    os.makedirs(os.path.join(out, "pages"))
    pages = {
        "a-propos": ("À propos", "main", 10,
                     f"Ce que publie le portail de données ouvertes {t.de()} et comment réutiliser les données.",
                     ["## Un portail pour comprendre la collectivité",
                      wrap(f"Ce portail rassemble les données publiques {t.de()} et des organismes qui lui sont "
                           "liés. Chaque jeu de données est accompagné d'une description écrite pour tous."),
                      "## Comment réutiliser les données ?",
                      wrap("Tout est téléchargeable librement, sans inscription. Sauf mention contraire, les "
                           "données sont placées sous la Licence Ouverte 2.0 (Etalab) : citez la source et la "
                           "date de mise à jour."),
                      wrap(f"Une question, une donnée manquante ? Écrivez à "
                           f"[{t.email('donnees')}](mailto:{t.email('donnees')}).")]),
        "mentions-legales": ("Mentions légales", "footer", 90,
                             "Éditeur, hébergement et licence des données du portail.",
                             ["## Éditeur", wrap(f"{t.authority}, SIREN {t.siren}."),
                              "## Hébergement", wrap("Ce portail est un site statique, sans cookie ni mesure d'audience."),
                              "## Licence", wrap("Sauf mention contraire, les données sont publiées sous la Licence Ouverte 2.0.")]),
        "engagements": ("Nos engagements sur l'usage des données", None, None,
                        "Ce à quoi la collectivité s'engage quand elle collecte et publie des données.",
                        ["## Dire pourquoi chaque donnée existe",
                         wrap("Pour chaque jeu de données, nous expliquons à quoi il sert, quelle décision il "
                              "permet de prendre et quel texte nous autorise à le tenir."),
                         "## Protéger les personnes",
                         wrap("Nous ne publions rien de la situation personnelle des habitants : les chiffres "
                              "sociaux sont des totaux, masqués quand moins de cinq foyers sont concernés."),
                         "## Vous répondre",
                         wrap(f"Pour vos données personnelles, écrivez au délégué à la protection des données : "
                              f"[{t.email('dpo')}](mailto:{t.email('dpo')}).")]),
    }
    for slug, (title, menu, weight, summary, paras) in pages.items():
        head = ["---", f"title: {yq(title)}", f"summary: {yq(summary)}"]
        if menu:
            head += [f"menu: {menu}", f"weight: {weight}"]
        write(os.path.join(out, "pages", f"{slug}.md"), "\n".join(head + ["---", ""]) + "\n\n".join(paras) + "\n", stats)
    stats["pages"] = len(pages)


def prepare(out: str) -> None:
    """Makes OUT_DIR empty, refusing to touch anything this script did not make."""
    if not os.path.exists(out):
        os.makedirs(out)
        return
    if not os.path.isdir(out):
        sys.exit(f"gen-portal: {out} exists and is not a folder")
    entries = set(os.listdir(out))
    if not entries:
        return
    if MARKER not in entries:
        sys.exit(f"gen-portal: {out} is not empty and holds no {MARKER} marker: refusing to write there "
                 "(choose an empty or missing folder)")
    unknown = sorted(entries - GENERATED - BUILD_OUTPUT - {MARKER})
    if unknown:
        sys.exit(f"gen-portal: {out} holds a generated portal but also {', '.join(unknown)}: refusing to "
                 "replace it (remove those files first)")
    for name in sorted(entries - {MARKER}):
        path = os.path.join(out, name)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.remove(path)
    os.remove(os.path.join(out, MARKER))


def main() -> None:
    ap = argparse.ArgumentParser(description="Generate a deterministic synthetic ouvert portal for benchmarks.")
    ap.add_argument("out", metavar="OUT_DIR")
    ap.add_argument("--datasets", type=int, required=True, metavar="N")
    ap.add_argument("--seed", type=int, default=1, metavar="S")
    ap.add_argument("--rows-min", type=int, default=20)
    ap.add_argument("--rows-max", type=int, default=200)
    a = ap.parse_args()
    if a.datasets < 1:
        ap.error("--datasets must be at least 1")
    if not 1 <= a.rows_min <= a.rows_max:
        ap.error("need 1 <= --rows-min <= --rows-max")

    prepare(a.out)
    started = time.monotonic()
    marker = (f"Portal made by benches/gen-portal.py --datasets {a.datasets} --seed {a.seed} "
              f"--rows-min {a.rows_min} --rows-max {a.rows_max}.\n"
              "Running the script again on this folder replaces the portal and removes public/ and .ouvert-cache/.\n")
    # The marker first: an interrupted run can still be replaced.
    with open(os.path.join(a.out, MARKER), "w", encoding="utf-8") as f:
        f.write(marker)
    stats = {"bytes": 0, "files": 0, "rows": 0, "enc": {}}
    t = Territory(a.seed)
    write_portal_files(t, a.out, stats)
    os.makedirs(os.path.join(a.out, "datasets"))
    slugs: set[str] = set()
    order: list[tuple[str, str]] = []
    for i in range(a.datasets):
        make_dataset(t, a.seed, i, a.rows_min, a.rows_max, slugs, order, stats, a.out)
    enc = ", ".join(f"{k} {v}" for k, v in sorted(stats["enc"].items()))
    print(f"gen-portal: {a.out}: {a.datasets} datasets, {stats['files']} CSV files ({enc}), {stats['rows']} rows, "
          f"{len(t.orgs) + 1} organizations, {stats['pages']} pages, {stats['bytes'] / 1e6:.1f} MB, "
          f"seed {a.seed}, {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
