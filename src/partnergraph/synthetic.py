"""A synthetic partnergraph of any size, written in the project's own ontology.

The curated graph is small; users' own data (every exchange agreement of every Japanese
university, memberships of thousands of institutions) is not. ``generate`` writes a graph of a
chosen number of triples that passes the SHACL shapes and on which every named query has an
answer: Japanese and overseas universities in every country of the code list, their units,
government councils and agencies, funding schemes, projects and policies, consortia with memberships,
bilateral and n-ary partnerships with kinds, roles, dates, fields and funding, programmes,
overseas bases, joint institutes, people and their posts, events with speakers, figures, a few
recorded disagreements, and the source sections all of it is derived from.

Names are made of syllables (Japanese ones with kanji, others with katakana) so that labels
come in English and Japanese and stay unique. Code-list values are read from the ontology's
own code lists. The same seed and size give byte-identical files. Partnerships fill whatever
the other entities leave of the requested size, so the total lands within one partnership of
the request.
"""

from __future__ import annotations

import itertools
import json
import random
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox

from . import paths
from .namespaces import PREFIXES

MANIFEST = "synthetic.json"

# Japanese place-name elements (romaji, kanji) and overseas syllables (Latin, katakana).
_JP_PARTS = [
    ("aka", "赤"), ("ao", "青"), ("asa", "朝"), ("fuji", "藤"), ("hana", "花"), ("hoshi", "星"),
    ("ishi", "石"), ("iwa", "岩"), ("kawa", "川"), ("kaze", "風"), ("kiri", "霧"), ("kita", "北"),
    ("kumo", "雲"), ("matsu", "松"), ("mine", "峰"), ("mizu", "水"), ("mori", "森"), ("nami", "波"),
    ("nishi", "西"), ("oka", "岡"), ("sakura", "桜"), ("sawa", "沢"), ("shima", "島"), ("shiro", "白"),
    ("sora", "空"), ("take", "竹"), ("tani", "谷"), ("tsuki", "月"), ("ume", "梅"), ("yama", "山"),
    ("yuki", "雪"), ("hara", "原"), ("hama", "浜"), ("mura", "村"), ("ta", "田"), ("no", "野"),
]
_WEST_PARTS = [
    ("mar", "マル"), ("ton", "トン"), ("ber", "ベル"), ("lin", "リン"), ("dor", "ドル"), ("vik", "ヴィク"),
    ("sel", "セル"), ("ka", "カ"), ("ro", "ロ"), ("wen", "ウェン"), ("tal", "タル"), ("bur", "ブル"),
    ("gen", "ゲン"), ("lan", "ラン"), ("mo", "モ"), ("ri", "リ"), ("sa", "サ"), ("nor", "ノル"),
    ("da", "ダ"), ("vel", "ヴェル"), ("ham", "ハム"), ("ford", "フォード"), ("ley", "リー"), ("stan", "スタン"),
    ("al", "アル"), ("te", "テ"), ("bo", "ボ"), ("nia", "ニア"), ("pol", "ポル"), ("quen", "クエン"),
]
_GIVEN_JP = [
    ("Haruka", "遥"), ("Kenji", "健二"), ("Yuki", "由紀"), ("Hiroshi", "博"), ("Aiko", "愛子"),
    ("Takeshi", "武"), ("Naoko", "直子"), ("Satoshi", "聡"), ("Emi", "恵美"), ("Daisuke", "大輔"),
    ("Mariko", "真理子"), ("Kazuo", "和夫"), ("Sayaka", "沙也加"), ("Ryo", "亮"), ("Tomoko", "智子"),
]
_GIVEN_WEST = ["Anna", "Lukas", "Mei", "David", "Sofia", "Minh", "Priya", "Jonas", "Siti", "Omar",
               "Clara", "Wei", "Elif", "Mateo", "Nadia"]
_JP_KINDS = [("University", "大学"), ("Institute of Technology", "工業大学"),
             ("Prefectural University", "県立大学"), ("University of Foreign Studies", "外国語大学")]
_WEST_KINDS = [("University of {}", "{}大学"), ("{} University", "{}大学"),
               ("{} Institute of Technology", "{}工科大学"), ("{} State University", "{}州立大学")]
_UNITS = [("Center for International Education", "国際教育センター"),
          ("Graduate School of Engineering", "大学院工学研究科"), ("Faculty of Medicine", "医学部"),
          ("International Strategy Office", "国際戦略室"), ("Faculty of Economics", "経済学部")]
_MEASURES = [("international students", "留学生数", "person"), ("outbound students", "海外派遣学生数", "person"),
             ("academic exchange agreements", "学術交流協定数", "agreement")]
_SCHEMES = [("Global Partnership Programme", "グローバル連携プログラム"),
            ("Inter-University Exchange Fund", "大学間交流基金"),
            ("Strategic Alliance Initiative", "戦略的連携イニシアティブ"),
            ("Joint Research Promotion Scheme", "共同研究推進事業")]
_EVENTS = [("Symposium", "シンポジウム"), ("Workshop", "ワークショップ"), ("Meeting", "会議"), ("Conference", "国際会議")]
_POSTS = [("President", "学長"), ("Vice President for International Affairs", "国際担当理事"),
          ("Director", "センター長"), ("Professor", "教授")]

# Kinds of bilateral agreements and how often each occurs.
_BILATERAL_KINDS = {"exchange-agreement": 40, "student-exchange": 25, "faculty-exchange": 8,
                    "joint-research": 10, "double-degree": 5, "comprehensive-cooperation": 5,
                    "strategic-partnership": 4, "joint-graduate-programme": 2, "joint-laboratory": 1}
_BILATERAL_WEIGHTS = list(itertools.accumulate(_BILATERAL_KINDS.values()))
_PROGRAMME_TYPES = ["double-degree", "summer-school", "short-term-programme", "joint-graduate-programme",
                    "language-training", "internship"]


@dataclass
class Synthetic:
    """What ``generate`` wrote: the files, the triples, the entities per rdf:type (as a CURIE) and,
    per named-query parameter name, a value that has answers in this graph (``examples``)."""

    folder: Path
    seed: int
    triples: int
    counts: dict[str, int]
    files: list[Path] = field(default_factory=list)
    examples: dict[str, str] = field(default_factory=dict)

    def save(self) -> None:
        data = {**asdict(self), "folder": str(self.folder),
                "files": [p.relative_to(self.folder).as_posix() for p in self.files]}
        (self.folder / MANIFEST).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def open(cls, folder: Path) -> Synthetic:
        """The description of a graph written earlier into ``folder``."""
        data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
        return cls(folder=Path(folder), seed=data["seed"], triples=data["triples"], counts=data["counts"],
                   files=[Path(folder) / f for f in data["files"]], examples=data["examples"])


# --------------------------------------------------------------------------------------------
# Turtle output
# --------------------------------------------------------------------------------------------

class _Blank(str):
    """A ``[ ... ]`` blank node written inline as an object, with the triples it holds."""

    triples: int


def _lit(text: str, lang: str | None = None) -> str:
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{quoted}@{lang}" if lang else quoted


def _typed(text: str, datatype: str) -> str:
    return f'"{text}"^^xsd:{datatype}'


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class _Tally:
    """Triples and entities (by rdf:type) written so far, over all files."""

    def __init__(self) -> None:
        self.triples = 0
        self.types: Counter[str] = Counter()

    def statements(self, pairs) -> tuple[str, int]:
        parts, n = [], 0
        for predicate, objects in pairs:
            if objects is None or objects == []:
                continue
            if not isinstance(objects, list):
                objects = [objects]
            if predicate == "a":
                self.types.update(objects)
            n += len(objects) + sum(o.triples for o in objects if isinstance(o, _Blank))
            parts.append(f"{predicate} {' , '.join(objects)}")
        return " ;\n    ".join(parts), n

    def blank(self, *pairs) -> _Blank:
        text, n = self.statements(pairs)
        node = _Blank(f"[ {text} ]")
        node.triples = n
        return node


class _TurtleFile:
    def __init__(self, tally: _Tally, path: Path, comment: str) -> None:
        self.tally, self.path = tally, path
        self.triples = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = path.open("w", encoding="utf-8", newline="\n")
        header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())
        self.handle.write(f"{header}\n# {comment}\n\n")
        self.buffer: list[str] = []

    def entity(self, subject: str, *pairs) -> None:
        text, n = self.tally.statements(pairs)
        self.buffer.append(f"{subject} {text} .\n\n")
        self.triples += n
        self.tally.triples += n
        if len(self.buffer) >= 2000:
            self.flush()

    def flush(self) -> None:
        self.handle.write("".join(self.buffer))
        self.buffer.clear()

    def close(self) -> None:
        self.flush()
        self.handle.close()


# --------------------------------------------------------------------------------------------
# Code lists and names
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Concept:
    curie: str
    en: str
    ja: str


def _code_lists() -> dict[str, list[_Concept]]:
    """Concepts of the ontology's code lists (vocabularies and countries), by scheme local name."""
    in_scheme = "http://www.w3.org/2004/02/skos/core#inScheme"
    pref = "http://www.w3.org/2004/02/skos/core#prefLabel"
    schemes: dict[str, list[str]] = {}
    labels: dict[tuple[str, str], str] = {}
    for name in ("vocabularies.ttl", "countries.ttl"):
        for t in ox.parse(path=str(paths.ontology_dir() / name), format=ox.RdfFormat.TURTLE):
            if t.predicate.value == in_scheme:
                schemes.setdefault(t.object.value.rsplit("/", 1)[-1], []).append(t.subject.value)
            elif t.predicate.value == pref:
                labels[(t.subject.value, t.object.language)] = t.object.value
    prefixes = [(p, str(ns)) for p, ns in PREFIXES.items() if p in ("pgc", "country")]

    def curie(iri: str) -> str:
        return next(f"{p}:{iri[len(ns):]}" for p, ns in prefixes if iri.startswith(ns))

    return {scheme: [_Concept(curie(i), labels[(i, "en")], labels.get((i, "ja"), labels[(i, "en")]))
                     for i in sorted(iris)]
            for scheme, iris in schemes.items()}


def _names(rng: random.Random, parts: list[tuple[str, str]], count: int) -> list[tuple[str, str]]:
    """``count`` distinct names of two or more different syllables (Latin, Japanese script), in a seeded order."""
    parts = parts[:]
    rng.shuffle(parts)
    seen: set[str] = set()
    names = []
    for size in itertools.count(2):
        for combo in itertools.permutations(parts, size):
            latin = "".join(p[0] for p in combo).capitalize()
            if latin not in seen:
                seen.add(latin)
                names.append((latin, "".join(p[1] for p in combo)))
                if len(names) == count:
                    return names
    raise AssertionError("unreachable")


@dataclass
class _Org:
    curie: str
    en: str
    ja: str
    country: str
    sections: list[str]


def _zipf(n: int, exponent: float = 0.8) -> list[float]:
    """Cumulative weights that make a few institutions hubs with many partners."""
    return list(itertools.accumulate(1 / (i + 1) ** exponent for i in range(n)))


# --------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------

class _Generator:
    """Writes the files of one graph; entity counts grow with the requested size, and
    partnerships fill the rest of it."""

    def __init__(self, folder: Path, triples: int, seed: int) -> None:
        self.folder, self.target, self.seed = folder, triples, seed
        self.rng = random.Random(seed)
        self.tally = _Tally()
        self.files: list[_TurtleFile] = []
        self.codes = _code_lists()
        self.code = {c.curie: c for scheme in self.codes.values() for c in scheme}
        self.countries = self.codes["countries"]
        self.examples: dict[str, str] = {}
        scale = triples / 1000
        self.n_jp = max(4, round(scale * 0.8))
        self.n_overseas = max(8, round(scale * 3.2))
        self.n_consortia = max(2, round(scale * 0.08))
        self.n_schemes = max(2, round(scale * 0.02))
        self.n_projects = max(2, round(scale * 0.1))
        self.n_events = max(2, round(scale * 0.1))

    def open(self, relative: str, comment: str) -> _TurtleFile:
        out = _TurtleFile(self.tally, self.folder / relative, comment)
        self.files.append(out)
        return out

    def year(self, low: int = 1975, high: int = 2024) -> int:
        return self.rng.randint(low, high)

    def date(self, year: int) -> str:
        """A start or end date as precise as a source might give it: a year, month or day."""
        r = self.rng.random()
        if r < 0.5:
            return _typed(str(year), "gYear")
        month = self.rng.randint(1, 12)
        if r < 0.85:
            return _typed(f"{year}-{month:02d}", "gYearMonth")
        return _typed(f"{year}-{month:02d}-{self.rng.randint(1, 28):02d}", "date")

    def sources(self) -> _TurtleFile:
        out = self.open("sources.ttl", "A synthetic source document and its sections.")
        self.document = "pgsrc:synthetic-register"
        out.entity(self.document, ("a", "pg:SourceDocument"),
                   ("rdfs:label", [_lit(f"Synthetic register of international partnerships (seed {self.seed})", "en"),
                                   _lit(f"国際連携の合成データ（シード{self.seed}）", "ja")]),
                   ("dcterms:identifier", _lit(f"synthetic-{self.seed}")),
                   ("dcterms:language", [_lit("en"), _lit("ja")]),
                   ("rdfs:comment", _lit("Generated data for tests and benchmarks; it describes no real institution.", "en")))
        self.section_order = itertools.count(1)
        return out

    def section(self, out: _TurtleFile, key: str, en: str, ja: str | None) -> list[str]:
        """Source sections for ``key``: an English one, and a Japanese one when ``ja`` is given."""
        made = []
        for lang, label in (("en", en), ("ja", ja)):
            if label is None:
                continue
            curie = f"pgsrc:synthetic-{key}-{lang}"
            out.entity(curie, ("a", "pg:SourceSection"), ("dcterms:isPartOf", self.document),
                       ("pg:sectionOrder", str(next(self.section_order))), ("dcterms:language", _lit(lang)),
                       ("rdfs:label", _lit(label, lang)))
            made.append(curie)
        return made

    def organisations(self, src: _TurtleFile) -> None:
        rng = self.rng
        overseas_countries = [c for c in self.countries if c.curie != "country:JP"]
        self.country_sections = {c.curie: self.section(src, f"country-{c.curie[8:].lower()}",
                                                       f"Institutions and agencies in {c.en}", None)
                                 for c in self.countries}
        out = self.open("organisations/japanese-universities.ttl", "Synthetic universities in Japan.")
        self.jp: list[_Org] = []
        for i, (latin, kanji) in enumerate(_names(rng, _JP_PARTS, self.n_jp)):
            kind_en, kind_ja = _JP_KINDS[0] if i % 3 else rng.choice(_JP_KINDS)
            en, ja = f"{latin} {kind_en}", f"{kanji}{kind_ja}"
            curie = f"pgid:{_slug(en)}"
            sections = self.section(src, _slug(en), f"{en}: international partnerships", f"{ja}の国際連携")
            out.entity(curie, ("a", "pg:University"), ("rdfs:label", [_lit(en, "en"), _lit(ja, "ja")]),
                       ("pg:country", "country:JP"),
                       ("pg:institutionType", rng.choice(["pgc:national", "pgc:private"])),
                       ("schema:foundingDate", _typed(str(self.year(1877, 2005)), "gYear")),
                       ("prov:wasDerivedFrom", sections))
            self.jp.append(_Org(curie, en, ja, "country:JP", sections))
        out = self.open("organisations/overseas-universities.ttl", "Synthetic universities outside Japan.")
        self.overseas: list[_Org] = []
        for latin, kana in _names(rng, _WEST_PARTS, self.n_overseas):
            country = rng.choice(overseas_countries)
            pattern_en, pattern_ja = rng.choice(_WEST_KINDS)
            en, ja = pattern_en.format(latin), pattern_ja.format(kana)
            curie = f"pgid:{_slug(en)}"
            out.entity(curie, ("a", "pg:University"), ("rdfs:label", [_lit(en, "en"), _lit(ja, "ja")]),
                       ("pg:country", country.curie),
                       ("schema:foundingDate", _typed(str(self.year(1200, 2010)), "gYear")),
                       ("prov:wasDerivedFrom", self.country_sections[country.curie]))
            self.overseas.append(_Org(curie, en, ja, country.curie, self.country_sections[country.curie]))
        self.government()
        self.units()

    def government(self) -> None:
        out = self.open("organisations/government.ttl", "A council and an agency for each country.")
        self.councils: dict[str, str] = {}
        self.agencies: dict[str, str] = {}
        for c in self.countries:
            code = c.curie[8:].lower()
            council, agency = f"pgid:higher-education-council-{code}", f"pgid:academic-cooperation-agency-{code}"
            out.entity(council, ("a", "pg:GovernmentBody"),
                       ("rdfs:label", [_lit(f"Higher Education Partnership Council of {c.en}", "en"),
                                       _lit(f"{c.ja}高等教育連携評議会", "ja")]),
                       ("pg:country", c.curie), ("prov:wasDerivedFrom", self.country_sections[c.curie]))
            out.entity(agency, ("a", "pg:Agency"),
                       ("rdfs:label", [_lit(f"International Academic Cooperation Agency of {c.en}", "en"),
                                       _lit(f"{c.ja}国際学術協力機構", "ja")]),
                       ("pg:country", c.curie), ("org:subOrganizationOf", council),
                       ("prov:wasDerivedFrom", self.country_sections[c.curie]))
            self.councils[c.curie], self.agencies[c.curie] = council, agency
        self.examples["body"] = self.councils["country:JP"][5:]

    def units(self) -> None:
        out = self.open("organisations/units.ttl", "Schools, centres and offices of the Japanese universities.")
        self.units_of: dict[str, list[str]] = {}
        for uni in self.jp:
            for unit_en, unit_ja in self.rng.sample(_UNITS, 2):
                curie = f"{uni.curie}-{_slug(unit_en)}"
                out.entity(curie, ("a", "pg:OrganizationalUnit"),
                           ("rdfs:label", [_lit(f"{uni.en} {unit_en}", "en"), _lit(f"{uni.ja}{unit_ja}", "ja")]),
                           ("org:unitOf", uni.curie), ("prov:wasDerivedFrom", uni.sections[0]))
                self.units_of.setdefault(uni.curie, []).append(curie)

    def funding(self, src: _TurtleFile) -> None:
        rng = self.rng
        out = self.open("policies-and-funding.ttl", "Funding schemes, the projects they fund, and policies.")
        sections = self.section(src, "funding", "Funding schemes and projects", "助成事業とプロジェクト")
        self.schemes = []
        for i in range(self.n_schemes):
            base_en, base_ja = _SCHEMES[i % len(_SCHEMES)]
            number = i // len(_SCHEMES) + 1
            curie = f"pgid:{_slug(base_en)}-{number}"
            runner = self.agencies["country:JP"] if i % 2 else self.councils["country:JP"]
            out.entity(curie, ("a", "pg:FundingScheme"),
                       ("rdfs:label", [_lit(f"{base_en} {number}", "en"), _lit(f"{base_ja}（第{number}期）", "ja")]),
                       ("pg:runBy", runner), ("schema:startDate", _typed(str(self.year(1990, 2020)), "gYear")),
                       ("prov:wasDerivedFrom", sections))
            self.schemes.append(curie)
        self.examples["scheme"] = self.schemes[0][5:]
        self.projects = []
        for i in range(self.n_projects):
            uni, scheme = self.jp[i % len(self.jp)], self.schemes[i % len(self.schemes)]
            start = self.year(2000, 2022)
            curie = f"{uni.curie}-project-{i + 1}"
            out.entity(curie, ("a", "pg:Project"),
                       ("rdfs:label", [_lit(f"{uni.en} internationalisation project {i + 1}", "en"),
                                       _lit(f"{uni.ja}国際化プロジェクト{i + 1}", "ja")]),
                       ("pg:runBy", uni.curie), ("pg:fundedUnder", scheme),
                       ("schema:startDate", _typed(str(start), "gYear")),
                       ("schema:endDate", _typed(str(start + rng.randint(3, 10)), "gYear")),
                       ("prov:wasDerivedFrom", uni.sections))
            self.projects.append(curie)
        for i, c in enumerate(self.countries):
            out.entity(f"pgid:internationalisation-policy-{c.curie[8:].lower()}", ("a", "pg:Policy"),
                       ("rdfs:label", [_lit(f"Higher education internationalisation policy of {c.en}", "en"),
                                       _lit(f"{c.ja}高等教育国際化政策", "ja")]),
                       ("pg:issuedBy", self.councils[c.curie]),
                       ("schema:startDate", _typed(str(self.year(1983, 2020)), "gYear")),
                       ("prov:wasDerivedFrom", self.country_sections[c.curie]))

    def consortia(self, src: _TurtleFile) -> None:
        rng = self.rng
        out = self.open("organisations/consortia.ttl", "Consortia and their memberships.")
        sections = self.section(src, "consortia", "University consortia and their members", "大学コンソーシアムと加盟機関")
        universities = self.jp + self.overseas
        for i, (latin, kana) in enumerate(_names(rng, _WEST_PARTS, self.n_consortia)):
            en, ja = f"{latin} University Network", f"{kana}大学ネットワーク"
            curie = f"pgid:{_slug(en)}"
            founded = self.year(1980, 2020)
            out.entity(curie, ("a", "pg:Consortium"), ("rdfs:label", [_lit(en, "en"), _lit(ja, "ja")]),
                       ("schema:foundingDate", _typed(str(founded), "gYear")), ("prov:wasDerivedFrom", sections))
            members = rng.sample(universities, min(len(universities), rng.randint(5, 40)))
            if i == 0:  # the example institution is a member of the example consortium
                self.examples["consortium"] = curie[5:]
                members = [self.jp[0]] + [m for m in members if m is not self.jp[0]]
            for k, member in enumerate(members):
                out.entity(f"pgid:membership-{curie[5:]}-{member.curie[5:]}", ("a", "org:Membership"),
                           ("org:member", member.curie), ("org:organization", curie),
                           ("org:role", "pgc:founding-member" if k < 3 else "pgc:member"),
                           ("schema:startDate", _typed(str(self.year(founded, 2024)), "gYear")),
                           ("prov:wasDerivedFrom", sections))

    def bases(self) -> None:
        rng = self.rng
        out = self.open("organisations/institutes-and-bases.ttl", "Overseas bases and joint institutes.")
        seen = set()
        for i, uni in enumerate(self.jp[: max(2, len(self.jp) // 2)]):
            host = self.overseas[rng.randrange(len(self.overseas))]
            if (uni.curie, host.country) in seen:
                continue
            seen.add((uni.curie, host.country))
            country = self.code[host.country]
            campus = i % 10 == 0
            kind_en, kind_ja = ("Campus", "キャンパス") if campus else ("Office", "事務所")
            curie = f"{uni.curie}-{host.country[8:].lower()}-{kind_en.lower()}"
            out.entity(curie, ("a", "pg:OverseasCampus" if campus else "pg:OverseasOffice"),
                       ("rdfs:label", [_lit(f"{uni.en} {country.en} {kind_en}", "en"),
                                       _lit(f"{uni.ja}{country.ja}{kind_ja}", "ja")]),
                       ("org:siteOf", uni.curie), ("pg:hostInstitution", host.curie), ("pg:country", host.country),
                       ("schema:startDate", self.date(self.year(1995, 2023))), ("pg:status", "pgc:active"),
                       ("prov:wasDerivedFrom", uni.sections))
            self.examples.setdefault("country", host.country)
        for i in range(max(1, len(self.jp) // 20)):
            uni, host = self.jp[i], self.overseas[rng.randrange(len(self.overseas))]
            founded = self.year(1990, 2022)
            institute = f"pgid:{_slug(uni.en)}-{_slug(host.en)}-joint-institute"
            out.entity(institute, ("a", "pg:JointInstitute"),
                       ("rdfs:label", [_lit(f"{uni.en} – {host.en} Joint Institute", "en"),
                                       _lit(f"{uni.ja}・{host.ja}共同研究所", "ja")]),
                       ("pg:country", host.country), ("schema:foundingDate", _typed(str(founded), "gYear")),
                       ("pg:hostInstitution", host.curie),
                       ("pg:involves", [self.councils["country:JP"], self.councils[host.country]]),
                       ("prov:wasDerivedFrom", uni.sections))
            out.entity(f"{institute}-agreement", ("a", "pg:Partnership"),
                       ("rdfs:label", [_lit(f"{uni.en} – {host.en} joint institute agreement", "en"),
                                       _lit(f"{uni.ja}–{host.ja} 共同研究所設置協定", "ja")]),
                       ("pg:participant", [uni.curie, host.curie]), ("pg:partnershipKind", "pgc:joint-institute"),
                       ("schema:startDate", _typed(str(founded), "gYear")), ("pg:resultedIn", institute),
                       ("pg:origin", "pgc:top-down"), ("pg:tneCategory", "pgc:joint-university"),
                       ("pg:classifiedBy", self.document), ("prov:wasDerivedFrom", uni.sections))

    def people(self) -> None:
        rng = self.rng
        out = self.open("people.ttl", "People of the universities and their posts.")
        n_jp, n_west = len(self.jp), max(2, len(self.overseas) // 10)
        self.speakers: list[tuple[str, _Org]] = []
        family_jp = _names(rng, _JP_PARTS, n_jp // len(_GIVEN_JP) + 1)
        family_west = _names(rng, _WEST_PARTS, n_west // len(_GIVEN_WEST) + 1)
        people = []
        for i in range(n_jp):
            (given, given_ja), (family, family_ja) = _GIVEN_JP[i % len(_GIVEN_JP)], family_jp[i // len(_GIVEN_JP)]
            people.append((f"{given} {family}", f"{family_ja} {given_ja}", self.jp[i]))
        for i in range(n_west):
            given, (family, _) = _GIVEN_WEST[i % len(_GIVEN_WEST)], family_west[i // len(_GIVEN_WEST)]
            people.append((f"{given} {family}", None, self.overseas[i]))
        for en, ja, org in people:
            person = f"pgid:{_slug(en)}"
            out.entity(person, ("a", "schema:Person"),
                       ("rdfs:label", [_lit(en, "en")] + ([_lit(ja, "ja")] if ja else [])),
                       ("prov:wasDerivedFrom", org.sections))
            post_en, post_ja = rng.choice(_POSTS)
            out.entity(f"pgid:affiliation-{person[5:]}", ("a", "pg:Affiliation"),
                       ("org:member", person), ("org:organization", org.curie),
                       ("pg:postTitle", [_lit(post_en, "en"), _lit(post_ja, "ja")]),
                       ("pg:asOf", _typed(str(self.year(2015, 2024)), "gYear")), ("prov:wasDerivedFrom", org.sections))
            self.speakers.append((person, org))

    def events(self, src: _TurtleFile) -> None:
        rng = self.rng
        out = self.open("events/events.ttl", "Symposia, workshops, meetings and conferences.")
        sections = self.section(src, "events", "Events on international partnerships", "国際連携に関するイベント")
        roles = ["pgc:keynote-speaker", "pgc:panellist", "pgc:case-presenter", "pgc:opening-remarks"]
        for i in range(self.n_events):
            organiser = self.jp[i % len(self.jp)]
            (kind_en, kind_ja), year = _EVENTS[i % len(_EVENTS)], self.year(2010, 2024)
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            online = rng.random() < 0.3
            contributions = [self.tally.blank(("a", "pg:Contribution"), ("pg:agent", person), ("pg:role", role),
                                              ("pg:onBehalfOf", org.curie),
                                              ("pg:talkTitle", _lit(f"Partnerships of {org.en}", "en")),
                                              ("prov:wasDerivedFrom", sections[0]))
                             for (person, org), role in zip(rng.sample(self.speakers, min(len(self.speakers), 4)), roles)]
            out.entity(f"pgid:{_slug(organiser.en)}-{kind_en.lower()}-{i + 1}", ("a", f"pg:{kind_en}"),
                       ("rdfs:label", [_lit(f"{organiser.en} international partnership {kind_en.lower()} {i + 1}", "en"),
                                       _lit(f"{organiser.ja}国際連携{kind_ja}（{i + 1}）", "ja")]),
                       ("schema:startDate", _typed(f"{year}-{month:02d}-{day:02d}T14:00:00+09:00", "dateTime")),
                       ("schema:endDate", _typed(f"{year}-{month:02d}-{day:02d}T17:30:00+09:00", "dateTime")),
                       ("schema:organizer", organiser.curie),
                       ("schema:eventAttendanceMode", "schema:OnlineEventAttendanceMode" if online else None),
                       ("pg:country", None if online else "country:JP"),
                       ("pg:theme", [_lit("Strategic partnerships across borders", "en"), _lit("国境を越えた戦略的連携", "ja")]),
                       ("pg:partOfProject", self.projects[i % len(self.projects)]),
                       ("pg:contribution", contributions), ("prov:wasDerivedFrom", sections))

    def figures(self) -> None:
        rng = self.rng
        out = self.open("figures/figures.ttl", "Figures reported for each Japanese university and for Japan.")
        citation = _lit(f"Synthetic register (seed {self.seed})")
        for uni in self.jp:
            for measure_en, measure_ja, unit in rng.sample(_MEASURES, 2):
                for year in sorted(rng.sample(range(2015, 2025), rng.randint(1, 4))):
                    out.entity(f"pgid:figure-{uni.curie[5:]}-{_slug(measure_en)}-{year}", ("a", "pg:Figure"),
                               ("pg:measure", [_lit(f"{measure_en} at {uni.en}", "en"), _lit(f"{uni.ja}の{measure_ja}", "ja")]),
                               ("pg:about", uni.curie), ("pg:value", str(rng.randint(10, 5000))), ("pg:unit", f"pgc:{unit}"),
                               ("pg:referencePeriod", _typed(str(year), "gYear")),
                               ("pg:approximation", "pgc:exact" if rng.random() < 0.8 else "pgc:approximately"),
                               ("pg:isTarget", "false"), ("dcterms:bibliographicCitation", citation),
                               ("prov:wasDerivedFrom", uni.sections[0]))
        for year in range(2015, 2025):
            out.entity(f"pgid:figure-register-international-students-jp-{year}", ("a", "pg:Figure"),
                       ("pg:measure", [_lit("international students in Japan", "en"), _lit("日本の留学生数", "ja")]),
                       ("pg:about", "country:JP"), ("pg:value", str(rng.randint(200000, 320000))),
                       ("pg:unit", "pgc:person"), ("pg:referencePeriod", _typed(str(year), "gYear")),
                       ("pg:approximation", "pgc:exact"), ("pg:isTarget", "false"),
                       ("dcterms:bibliographicCitation", citation),
                       ("prov:wasDerivedFrom", self.country_sections["country:JP"]))
        self.examples.update(about=self.jp[0].curie[5:], measure="international students", **{"from": "2019", "to": "2020"})

    def partnerships(self) -> None:
        """Partnerships (with their programmes and disagreements) until the requested size is reached."""
        self.programmes = self.open("partnerships/programmes.ttl", "Programmes that partnerships resulted in.")
        self.disputes = self.open("disagreements.ttl", "Partnerships whose start the two language versions give differently.")
        self.jp_weights, self.overseas_weights = _zipf(len(self.jp)), _zipf(len(self.overseas))
        self.names: Counter[str] = Counter()
        self.last_of_pair: dict[tuple[str, str], str] = {}
        chunk = max(5000, self.target // 16)
        out = None
        for number in itertools.count(1):
            if self.tally.triples >= self.target:
                return
            if out is None or out.triples >= chunk:
                out = self.open(f"partnerships/partnerships-{len(self.files):03d}.ttl", "Partnerships.")
            self.partnership(out, number)

    def sides(self, number: int) -> tuple[_Org, list[_Org]]:
        """A Japanese hub and its overseas partners: mostly one, sometimes two to seven.
        The first partnership is bilateral between the first institutions (the examples)."""
        if number == 1:
            return self.jp[0], [self.overseas[0]]
        rng = self.rng
        hub = rng.choices(self.jp, cum_weights=self.jp_weights)[0]
        r = rng.random()
        size = 1 if r < 0.85 else 2 if r < 0.95 else rng.randint(3, 7)
        partners: list[_Org] = []
        while len(partners) < size:
            other = rng.choices(self.overseas, cum_weights=self.overseas_weights)[0]
            if other not in partners:
                partners.append(other)
        return hub, partners

    def kinds(self, number: int, partners: int) -> list[str]:
        rng = self.rng
        if partners > 1:
            kinds = ["trilateral-mou"] if partners == 2 else [rng.choice(["one-to-many", "consortium-based"])]
            return kinds + (["joint-research"] if rng.random() < 0.5 else [])
        if number == 1:
            return ["strategic-partnership"]
        kind = rng.choices(list(_BILATERAL_KINDS), cum_weights=_BILATERAL_WEIGHTS)[0]
        if kind in ("exchange-agreement", "student-exchange") and rng.random() < 0.3:
            return [kind, "faculty-exchange" if kind == "student-exchange" else "student-exchange"]
        return [kind]

    def roles(self, member: str, partners: list[_Org]) -> list[_Blank]:
        """Roles of an n-ary partnership's participants, and of some bilateral ones."""
        def role(agent: str, concept: str) -> _Blank:
            return self.tally.blank(("a", "pg:Participation"), ("pg:agent", agent), ("pg:role", concept))
        if len(partners) > 1:
            return [role(member, "pgc:managing-university")] + [role(p.curie, "pgc:partner-university") for p in partners]
        if self.rng.random() < 0.15:
            return [role(member, "pgc:sending"), role(partners[0].curie, "pgc:receiving")]
        return []

    def programme(self, number: int, hub: _Org, partner: _Org, start: int) -> str:
        curie = f"pgid:programme-{number}-{hub.curie[5:]}-{partner.curie[5:]}"
        kind = self.code[f"pgc:{self.rng.choice(_PROGRAMME_TYPES)}"]
        self.programmes.entity(curie, ("a", "pg:Programme"),
                               ("rdfs:label", [_lit(f"{hub.en} – {partner.en} {kind.en} (P{number})", "en"),
                                               _lit(f"{hub.ja}–{partner.ja} {kind.ja}（P{number}）", "ja")]),
                               ("pg:programmeType", kind.curie), ("schema:provider", hub.curie),
                               ("pg:partnerInstitution", partner.curie),
                               ("schema:startDate", _typed(str(min(2024, start + self.rng.randint(0, 3))), "gYear")),
                               ("prov:wasDerivedFrom", hub.sections))
        return curie

    def partnership(self, out: _TurtleFile, number: int) -> None:
        rng = self.rng
        hub, partners = self.sides(number)
        kinds = self.kinds(number, len(partners))
        units = self.units_of[hub.curie]  # now and then the Japanese side takes part through a unit
        member = rng.choice(units) if len(partners) == 1 and rng.random() < 0.1 else hub.curie
        base = f"{hub.curie}-{partners[0].curie[5:]}-{kinds[0]}"
        self.names[base] += 1
        n = self.names[base]
        curie = base if n == 1 else f"{base}-{n}"
        others_en = partners[0].en if len(partners) == 1 else f"{partners[0].en} and {len(partners) - 1} more"
        others_ja = partners[0].ja if len(partners) == 1 else f"{partners[0].ja}ほか{len(partners) - 1}機関"
        suffix_en, suffix_ja = ("", "") if n == 1 else (f" ({n})", f"（{n}）")
        kind = self.code[f"pgc:{kinds[0]}"]
        start = self.year()
        disputed = number % 500 == 2
        starts = [_typed(str(start), "gYear"), _typed(str(start + 1), "gYear")] if disputed else [self.date(start)]
        end = start + rng.randint(2, 12) if rng.random() < 0.25 else None
        status = None if rng.random() < 0.3 else "pgc:concluded" if end and end <= 2024 else "pgc:active"
        pair = (hub.curie, partners[0].curie)
        earlier = self.last_of_pair.get(pair) if rng.random() < 0.5 else None
        self.last_of_pair[pair] = curie
        programme = self.programme(number, hub, partners[0], start) if len(partners) == 1 and rng.random() < 0.05 else None
        classified = len(partners) == 1 and rng.random() < 0.005
        out.entity(curie, ("a", "pg:Partnership"),
                   ("rdfs:label", [_lit(f"{hub.en} – {others_en} {kind.en}{suffix_en}", "en"),
                                   _lit(f"{hub.ja}–{others_ja} {kind.ja}{suffix_ja}", "ja")]),
                   ("pg:participant", [member] + [p.curie for p in partners]),
                   ("pg:qualifiedParticipation", self.roles(member, partners)),
                   ("pg:partnershipKind", [f"pgc:{k}" for k in kinds]),
                   ("schema:startDate", starts),
                   ("schema:endDate", _typed(str(end), "gYear") if end else None),
                   ("pg:status", status),
                   ("pg:field", rng.choice(self.codes["fields"]).curie if rng.random() < 0.4 else None),
                   ("pg:fundedUnder", rng.choice(self.schemes) if rng.random() < 0.08 else None),
                   ("pg:buildsOn", earlier),
                   ("pg:resultedIn", programme),
                   ("pg:origin", rng.choice(["pgc:top-down", "pgc:bottom-up"]) if classified else None),
                   ("pg:tneCategory", rng.choice(self.codes["tne-categories"]).curie if classified else None),
                   ("pg:classifiedBy", self.document if classified else None),
                   ("prov:wasDerivedFrom", hub.sections if rng.random() < 0.6 else hub.sections[:1]))
        if disputed:
            self.disagreement(curie, start, hub.sections)
        if number == 1:
            self.examples.update(institution=hub.curie[5:], partner=partners[0].curie[5:], entity=curie[5:])

    def disagreement(self, partnership: str, start: int, sections: list[str]) -> None:
        """Two claims for the start of ``partnership`` (the years it was given), each with its section."""
        out = self.disputes
        name = partnership[5:]
        claims = [f"pgid:claim-{name}-start-{lang}" for lang in ("en", "ja")]
        for claim, year, section in zip(claims, (start, start + 1), sections * 2):
            out.entity(claim, ("a", "pg:Claim"), ("rdf:subject", partnership), ("rdf:predicate", "schema:startDate"),
                       ("rdf:object", _typed(str(year), "gYear")), ("prov:wasDerivedFrom", section))
        out.entity(f"pgid:disagreement-{name}-start", ("a", "pg:Disagreement"),
                   ("rdfs:label", _lit(f"Start of {name}", "en")), ("pg:about", partnership),
                   ("pg:onProperty", "schema:startDate"), ("pg:claim", claims),
                   ("rdfs:comment", _lit("The English and Japanese sections give different years.", "en")))

    def run(self) -> Synthetic:
        try:
            src = self.sources()
            self.organisations(src)
            self.funding(src)
            self.consortia(src)
            self.bases()
            self.people()
            self.events(src)
            self.figures()
            self.partnerships()
        finally:
            for out in self.files:
                out.close()
        counts = dict(sorted(self.tally.types.items()))
        return Synthetic(folder=self.folder, seed=self.seed, triples=self.tally.triples, counts=counts,
                         files=[out.path for out in self.files], examples=dict(sorted(self.examples.items())))


def parse_size(text: str) -> int:
    """A number of triples written as 10000, 10k, 2.5M or 1_000_000."""
    match = re.fullmatch(r"\s*([0-9][0-9_]*(?:\.[0-9]+)?)\s*([kKmM]?)\s*", text)
    if not match:
        raise ValueError(f"{text!r} is not a size (write e.g. 10000, 10k or 1M)")
    factor = {"": 1, "k": 1_000, "m": 1_000_000}[match.group(2).lower()]
    return round(float(match.group(1).replace("_", "")) * factor)


def generate(folder: Path, triples: int, seed: int = 0) -> Synthetic:
    """Write a synthetic graph of about ``triples`` triples into ``folder`` (Turtle files and a
    ``synthetic.json`` manifest) and describe it. Files of an earlier run there are replaced."""
    folder = Path(folder)
    if (folder / MANIFEST).is_file():
        for old in Synthetic.open(folder).files:
            old.unlink(missing_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    result = _Generator(folder, triples, seed).run()
    result.save()
    return result
