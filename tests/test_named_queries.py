"""The library of named queries (queries/*.rq): every query is documented, binds its parameters
safely, and answers its question as the source documents do.

Expected answers were checked by hand against the two documents: "paper" is the English paper
on Japanese higher education partnerships (three cases), "report" the bilingual report of the
University of Tokyo's project "Building a Network of 'Strategic Partnerships'" (2021-2024).
Each test names where the documents state its answer. Values are compared with IRIs shortened
to their local name and dates written in ISO form.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from itertools import combinations

import pandas as pd
import pytest

from partnergraph.api import PartnerGraph
from partnergraph.queries import QueryError, library

QUERIES = library()
SPARQL_WORDS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "INSERT", "DELETE")


@pytest.fixture(scope="session")
def g(kg) -> PartnerGraph:
    return PartnerGraph(kg)


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------

def local(value):
    """IRIs of the project as their local name, dates as ISO text, missing values as None."""
    if value is None or (not isinstance(value, (str, bytes)) and pd.isna(value)):
        return None
    if isinstance(value, str) and value.startswith("https://w3id.org/partnergraph/"):
        return re.split(r"[/#]", value)[-1]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def rows(frame: pd.DataFrame, *columns: str) -> set[tuple]:
    return {tuple(local(row[c]) for c in columns) for _, row in frame.iterrows()}


def ordered(frame: pd.DataFrame, *columns: str) -> list[tuple]:
    return [tuple(local(row[c]) for c in columns) for _, row in frame.iterrows()]


def column(frame: pd.DataFrame, name: str) -> list:
    return [local(v) for v in frame[name]]


def top_level_select(text: str) -> tuple[set[str], set[str] | None]:
    """The variables projected at the top level of a query (plain ones, not aggregates) and the
    variables of its outermost GROUP BY (None when it has none)."""
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    start = re.search(r"\bSELECT\b", code, re.I).end()
    brace = code.index("{", start)
    projection = re.sub(r"\bWHERE\b\s*$", "", code[start:brace].strip(), flags=re.I)
    depth, plain = 0, set()
    for token in re.finditer(r"[()]|\?\w+", projection):
        if token.group() == "(":
            depth += 1
        elif token.group() == ")":
            depth -= 1
        elif depth == 0:
            plain.add(token.group()[1:])
    level, end = 0, brace
    for end in range(brace, len(code)):
        level += {"{": 1, "}": -1}.get(code[end], 0)
        if level == 0:
            break
    group = re.search(r"\bGROUP\s+BY\b(.*?)(\bORDER\s+BY\b|\bHAVING\b|\bLIMIT\b|\bOFFSET\b|$)",
                      code[end:], re.I | re.S)
    return plain, (set(re.findall(r"\?(\w+)", group.group(1))) if group else None)


# --------------------------------------------------------------------------------------------
# the library as a whole
# --------------------------------------------------------------------------------------------

def test_there_is_a_library_of_named_queries():
    assert len(QUERIES) >= 15


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_is_documented(name):
    query = QUERIES[name]
    assert query.title, f"{name}: no '# title:'"
    assert len(query.description) > 40, f"{name}: no '# description:' worth the name"
    tokens = shlex.split(query.example)
    assert tokens[:3] == ["partnergraph", "query", name], f"{name}: example must run this query"
    assert set(tokens[3::2]) <= {"--param"}, f"{name}: the example may only add --param name=value"
    assert set(query.example_params) == {p.name for p in query.params}, \
        f"{name}: the example's --param names must be the declared parameters"
    assert all(value for value in query.example_params.values()), f"{name}: empty example value"
    assert len({p.name for p in query.params}) == len(query.params), f"{name}: parameter declared twice"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_parameter_is_projected_and_grouped(name):
    """Oxigraph binds only variables of the SELECT projection; an aggregating query must also
    group by its parameters."""
    projected, grouped = top_level_select(QUERIES[name].text)
    for param in QUERIES[name].params:
        assert param.name in projected, f"{name}: ?{param.name} is not in the top-level projection"
        if grouped is not None:
            assert param.name in grouped, f"{name}: ?{param.name} is not in the top-level GROUP BY"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_is_an_ordered_select_that_leaves_prefixes_to_the_runner(name):
    # (the runner's read-only and syntax check runs on every query in the example test below)
    query = QUERIES[name]
    code = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("#"))
    assert re.match(r"\s*(SELECT|ASK)\b", code, re.I), f"{name}: only SELECT or ASK queries"
    assert not re.search(r"^\s*PREFIX\b", query.text, re.I | re.M), f"{name}: PREFIX lines are added by the runner"
    assert re.search(r"\bORDER\s+BY\b", query.text, re.I), f"{name}: results must be ordered"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_name_is_taken_for_a_name_not_for_sparql(name):
    # PartnerGraph.query tells a name from SPARQL text by its shape (no spaces or braces); a
    # name without SPARQL keywords is also safe from a keyword-based test
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name)
    assert not any(word in name.upper() for word in SPARQL_WORDS)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_example_answers_and_answers_the_same_twice(g, name):
    params = QUERIES[name].example_params
    first = g.query(name, **params)
    assert len(first) > 0, f"{name}: its example gives no rows"
    assert not set(params) & set(first.columns), f"{name}: parameter columns are dropped by the runner"
    pd.testing.assert_frame_equal(first, g.query(name, **params))


def test_labels_follow_the_language(g):
    # report, Ehime University (ja): the six SUIJI universities by their Japanese names
    frame = g.query("members-of", consortium="suiji", lang="ja")
    assert set(frame.member_label) == {"愛媛大学", "香川大学", "高知大学", "ガジャマダ大学", "ボゴール農業大学",
                                       "ハサヌディン大学"}
    assert set(frame.role_label) == {"設立機関"}
    # a name given only in Japanese is shown in an English table too (report, 2nd symposium programme)
    speakers = g.query("speakers")
    assert "許斐 ナタリー" in set(speakers.person_label)


def test_every_query_has_a_test_of_its_answer():
    tested = {n[len("test_query_"):].replace("_", "-") for n in globals() if n.startswith("test_query_")}
    assert set(QUERIES) <= tested, f"queries without a test of their answer: {sorted(set(QUERIES) - tested)}"


# --------------------------------------------------------------------------------------------
# safety
# --------------------------------------------------------------------------------------------

INJECTIONS = [
    "kyoto-university> } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #",
    'kyoto-university" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #',
    "kyoto-university' . ?s ?p ?o",
    "<https://w3id.org/partnergraph/id/kyoto-university> } UNION { ?s ?p ?o }",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_sparql_in_an_iri_parameter_is_refused_and_changes_nothing(g, kg, value):
    before_text = QUERIES["partners-of"].text
    before_size = len(kg.store)
    with pytest.raises(QueryError):
        g.query("partners-of", institution=value)
    assert library()["partners-of"].text == before_text == QUERIES["partners-of"].path.read_text(encoding="utf-8")
    assert len(kg.store) == before_size
    # the query still answers as before
    assert len(g.query("partners-of", institution="kyoto-university")) == 20


def test_sparql_in_a_string_parameter_is_only_a_string(g, kg):
    before_size = len(kg.store)
    frame = g.query("figure-series", measure='students" ) } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #')
    assert frame.empty  # matched as words, nothing matches, nothing is dropped
    assert len(kg.store) == before_size
    assert len(g.query("figure-series", measure="international students")) == 3


SERVICE_CALLS = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:8890/sparql> { ?s ?p ?o } }",
    "SELECT ?u WHERE { ?u a pg:University OPTIONAL { SERVICE SILENT <https://example.org/q> { ?u ?p ?o } } }",
    "ASK { { ?s ?p ?o } UNION { SERVICE ?endpoint { ?s ?p ?o } } }",
]


@pytest.mark.parametrize("text", SERVICE_CALLS)
def test_service_calls_are_refused_unless_allowed(g, text):
    with pytest.raises(QueryError, match="SERVICE calls to other endpoints are refused"):
        g.query(text)


def test_an_allowed_service_call_reaches_the_engine(kg):
    from partnergraph.api import PartnerGraph

    allowed = PartnerGraph(kg, allow_service=True)
    # the engine itself now tries the call: port 9 is refused by Oxigraph's HTTP client
    with pytest.raises(QueryError, match="port 9 is not allowed"):
        allowed.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")


def test_unknown_query_name_lists_close_matches(g):
    with pytest.raises(QueryError, match="partners-of"):
        g.query("partner-of", institution="kyoto-university")
    with pytest.raises(QueryError, match="members-of"):
        g.query("member-of")


def test_parameters_are_checked_against_the_declaration(g):
    with pytest.raises(QueryError, match="missing"):
        g.query("partners-of")
    with pytest.raises(QueryError, match="unknown parameter"):
        g.query("partners-of", institution="kyoto-university", country="JP")
    with pytest.raises(QueryError, match="four-digit year"):
        g.query("timeline-between", **{"from": "2019 } UNION { ?s ?p ?o", "to": "2020"})


# --------------------------------------------------------------------------------------------
# partnerships
# --------------------------------------------------------------------------------------------

PROJECT_UNIVERSITIES = {"university-of-tokyo", "tohoku-university", "waseda-university", "soka-university",
                        "keio-university", "kyoto-university", "osaka-university", "ehime-university",
                        "kyushu-university"}


def test_query_partners_of(g):
    # report, Kyoto University (ja/en): strategic partners Vienna and Bordeaux from 2019, Zurich,
    # Hamburg and NTU from 2020, each with an MOU before; summary: one-to-many with Bordeaux and
    # universities in Africa; remarks: the nine project universities
    frame = g.query("partners-of", institution="kyoto-university")
    assert {(p, s) for k, p, s in rows(frame, "kinds", "partner", "since") if "strategic partnership" in k} == {
        ("university-of-vienna", 2019), ("university-of-bordeaux", 2019), ("university-of-zurich", 2020),
        ("university-of-hamburg", 2020), ("national-taiwan-university", 2020)}
    assert set(column(frame, "partner")) == (PROJECT_UNIVERSITIES - {"kyoto-university"}) | {
        "university-of-vienna", "university-of-bordeaux", "university-of-zurich", "university-of-hamburg",
        "national-taiwan-university", "universities-in-africa"}
    assert len(set(column(frame, "partnership"))) == 12
    assert set(column(frame, "through")) == {None}
    assert "report-kyoto-en, report-kyoto-ja" in column(frame, "sources")
    # dated partnerships first, oldest first
    dated = [str(s) for s in column(frame, "since") if s is not None]
    assert dated == sorted(dated) and column(frame, "since")[:len(dated)] == [int(s) for s in dated]

    # paper, case 2: exchanges between DUT's School of Software and Ritsumeikan's College of
    # Information Science and Engineering since October 2007; the joint institute founded in 2013
    frame = g.query("partners-of", institution="ritsumeikan-university")
    assert ordered(frame, "partnership", "partner", "through", "since") == [
        ("dut-school-of-software-ritsumeikan-ise-exchange", "dut-school-of-software",
         "ritsumeikan-college-of-information-science-and-engineering", "2007-10"),
        ("dut-ritsumeikan-joint-institute-partnership", "dalian-university-of-technology", None, 2013)]


def test_query_strategic_partners_of(g):
    # report, Kyoto University
    assert rows(g.query("strategic-partners-of", institution="kyoto-university"), "partner", "since", "status") == {
        ("university-of-vienna", 2019, "active"), ("university-of-bordeaux", 2019, "active"),
        ("university-of-zurich", 2020, "active"), ("university-of-hamburg", 2020, "active"),
        ("national-taiwan-university", 2020, "active")}
    # report, Kyushu University: UIUC agreed August 2019, NTU signed September 2023
    assert ordered(g.query("strategic-partners-of", institution="kyushu-university"), "partner", "since") == [
        ("university-of-illinois-urbana-champaign", "2019-08"), ("national-taiwan-university", "2023-09")]
    # report, Soka University: the SATREPS partnership with two Ethiopian universities
    assert rows(g.query("strategic-partners-of", institution="soka-university"), "partner", "partnership") == {
        ("bahir-dar-university", "soka-university-bahir-dar-injibara-satreps-partnership"),
        ("injibara-university", "soka-university-bahir-dar-injibara-satreps-partnership")}
    # report, UTokyo: the partners named in its chapter, no dates given
    frame = g.query("strategic-partners-of", institution="university-of-tokyo")
    assert set(column(frame, "partner")) == {
        "university-of-cambridge", "seoul-national-university", "princeton-university", "tsinghua-university",
        "stockholm-trio", "eth-zurich", "vietnam-national-university-hanoi", "australian-national-university",
        "peking-university"}
    assert set(column(frame, "since")) == {None}


def test_query_partnership_history(g):
    # report, Waseda University: exchange agreement 1960, Bonn Office (1990s) closed 2015,
    # strategic partnership agreement 2017
    frame = g.query("partnership-history", institution="waseda-university", partner="university-of-bonn")
    assert ordered(frame, "partnership", "since", "until", "status") == [
        ("waseda-university-university-of-bonn-exchange-agreement", 1960, None, None),
        ("waseda-university-university-of-bonn-office-stage", None, 2015, "concluded"),
        ("waseda-university-university-of-bonn-strategic-partnership", 2017, None, "active")]
    assert column(frame, "resultedIn")[1] == "Bonn Office; University of Bonn Day and Waseda University Day"
    assert column(frame, "buildsOn")[2] == "Waseda University – University of Bonn: the Bonn Office stage"
    # report, Kyushu University: student exchange agreement 2001, strategic partnership 2023-09,
    # trilateral MoU 2024-02; two double degree programmes, undated, last
    frame = g.query("partnership-history", institution="kyushu-university", partner="national-taiwan-university")
    assert ordered(frame, "partnership", "since") == [
        ("kyushu-university-ntu-student-exchange-agreement", 2001),
        ("kyushu-university-ntu-strategic-partnership", "2023-09"),
        ("kyushu-ntu-uiuc-trilateral-mou", "2024-02"),
        ("kyushu-university-ntu-double-degree-programmes", None)]
    # units count for their university (paper, case 2)
    frame = g.query("partnership-history", institution="dalian-university-of-technology",
                    partner="ritsumeikan-university")
    assert ordered(frame, "partnership", "since") == [
        ("dut-school-of-software-ritsumeikan-ise-exchange", "2007-10"),
        ("dut-ritsumeikan-joint-institute-partnership", 2013)]


def test_query_one_to_many_alliances(g):
    # report summary: one-to-many examples UTokyo-Stockholm Trio, Kyoto-Bordeaux-Africa,
    # Ehime-Indonesia, and Keio with the U7+ Alliance; remarks: the nine project universities
    # with UTokyo as managing university; report Kyushu: the trilateral MoU; report Soka: two
    # Ethiopian universities; report Tohoku: ELyT with the Université de Lyon, INSA-Lyon, ECL;
    # paper: the ASEAN Campus (Mahidol, seven institutions), the MUST twinning with ten
    # Japanese national universities, MJIIT at UTM under an intergovernmental agreement
    frame = g.query("one-to-many-alliances")
    assert rows(frame, "partnership", "hub", "participants") == {
        ("strategic-partnerships-network-project-partnership", "university-of-tokyo", 9),
        ("ehime-university-indonesian-universities-partnership", "ehime-university", 4),
        ("tohoku-university-universite-de-lyon-elyt", "tohoku-university", 4),
        ("japan-malaysia-mjiit-partnership", "government-of-japan", 3),
        ("kyoto-university-university-of-bordeaux-universities-in-africa-partnership", "kyoto-university", 3),
        ("kyushu-ntu-uiuc-trilateral-mou", "kyushu-university", 3),
        ("osaka-university-asean-campus-partnership", "osaka-university", 3),
        ("soka-university-bahir-dar-injibara-satreps-partnership", "soka-university", 3),
        ("japanese-universities-consortium-must-twinning-partnership",
         "japanese-national-universities-consortium-for-must", 2),
        ("keio-university-u7-alliance-partnership", "keio-university", 2),
        ("university-of-tokyo-stockholm-trio-strategic-partnership", "university-of-tokyo", 2)}
    assert column(frame, "participants") == sorted(column(frame, "participants"), reverse=True)
    kyoto = frame[frame.partnership.str.endswith("universities-in-africa-partnership")].iloc[0]
    assert kyoto.groupParticipants == 1
    assert kyoto.participantNames == "Kyoto University; University of Bordeaux; universities in Africa"


def test_query_alliance_hubs(g):
    frame = g.query("alliance-hubs")
    hubs = {r[0]: r[1:] for r in rows(frame, "institution", "partners", "partnerships", "consortia", "countries")}
    # UTokyo: 8 project partners (remarks) + 9 strategic partners named in its chapter; member
    # of the JFIU board (English remarks)
    assert local(frame.institution.iloc[0]) == "university-of-tokyo"
    assert hubs["university-of-tokyo"] == (17, 10, 1, "JP")
    # Kyoto: 8 project partners + 5 strategic partners + universities in Africa; 5 MOUs, 5
    # strategic partnerships, the one-to-many and the project (report Kyoto, summary)
    assert hubs["kyoto-university"] == (14, 12, 0, "JP")
    # Kyushu: 8 + UIUC + NTU; MIRAI, RENKEI and APRU (report Kyushu)
    assert hubs["kyushu-university"] == (10, 8, 3, "JP")
    assert hubs["osaka-asean-campus-partner-institutions"][3] == "BN, ID, TH, VN"  # paper, case 1
    ranks = ordered(frame, "partners", "partnerships")
    assert ranks == sorted(ranks, reverse=True)


def test_query_partnerships_by_kind(g):
    frame = g.query("partnerships-by-kind")
    kinds = {r[0]: r[1:] for r in rows(frame, "kind", "partnerships", "participants")}
    # report: 21 strategic partnerships (UTokyo 9, Kyoto 5, Kyushu 2, Ehime 2, Osaka-UCL,
    # Soka-Ethiopia, Waseda-Bonn); one trilateral MoU (Kyushu, NTU, UIUC); one privileged
    # partnership (Waseda-ULB, 2010); the nine-university project network
    assert kinds["strategic-partnership"][0] == 21
    assert kinds["trilateral-mou"] == (1, 3)
    assert kinds["privileged-partnership"] == (1, 2)
    assert kinds["domestic-university-network"] == (1, 9)
    assert local(frame.kind.iloc[0]) == "strategic-partnership"
    counts = column(frame, "partnerships")
    assert counts == sorted(counts, reverse=True)


# --------------------------------------------------------------------------------------------
# consortia
# --------------------------------------------------------------------------------------------

SUIJI = {"ehime-university", "kagawa-university", "kochi-university", "gadjah-mada-university",
         "bogor-agricultural-university", "hasanuddin-university"}


def test_query_members_of(g):
    # report, Ehime University: SUIJI founded in (fiscal) 2011 by six universities
    assert rows(g.query("members-of", consortium="suiji"), "member", "role", "since", "sources") == {
        (u, "founding-member", 2011, "report-ehime-en, report-ehime-ja") for u in SUIJI}
    # report, remarks: JFIU representative, deputy and secretariat universities; UTokyo on the
    # board (English text only)
    assert rows(g.query("members-of", consortium="jfiu"), "member", "role", "sources") == {
        ("tohoku-university", "representative-university", "report-remarks-en, report-remarks-ja"),
        ("university-of-tsukuba", "deputy-representative-university", "report-remarks-en, report-remarks-ja"),
        ("ritsumeikan-university", "secretariat", "report-remarks-en, report-remarks-ja"),
        ("university-of-tokyo", "member", "report-remarks-en")}
    # report, Keio University: launched 2019 on Sciences Po's initiative; Keio joined
    assert rows(g.query("members-of", consortium="u7-alliance"), "member", "role", "since") == {
        ("sciences-po", "initiator", 2019), ("keio-university", "member", None)}


def test_query_memberships_of(g):
    # report, Kyushu University: MIRAI, RENKEI, APRU; MIRAI's Japanese-side secretariat since January 2024
    assert rows(g.query("memberships-of", institution="kyushu-university"), "consortium", "role", "since") == {
        ("mirai", "member", None), ("mirai", "japanese-side-secretariat", "2024-01"),
        ("renkei", "member", None), ("apru", "member", None)}
    # report, Soka University: joined ASAIHL half a century ago; its president heads it since 2020
    assert rows(g.query("memberships-of", institution="soka-university"), "consortium", "role", "since") == {
        ("asaihl", "member", None), ("asaihl", "presidency", 2020)}


def test_query_shared_consortia(g):
    frame = g.query("shared-consortia")
    jfiu = {"tohoku-university", "university-of-tsukuba", "ritsumeikan-university", "university-of-tokyo"}
    expected = {(a, b, "suiji") for a, b in combinations(sorted(SUIJI), 2)}
    expected |= {(a, b, "jfiu") for a, b in combinations(sorted(jfiu), 2)}
    expected |= {("keio-university", "sciences-po", "u7-alliance")}
    assert rows(frame, "institution", "other", "consortium") == expected
    assert ("keio-university", "sciences-po", "member", "initiator") in rows(
        frame, "institution", "other", "institutionRoles", "otherRoles")


# --------------------------------------------------------------------------------------------
# government bodies and funding
# --------------------------------------------------------------------------------------------

def test_query_bodies_behind(g):
    frame = g.query("bodies-behind")
    behind = rows(frame, "thing", "body", "relation", "through", "scheme")
    # paper, international expansion: Edu-Port Japan run by MEXT with METI, JETRO, MOFA, JICA
    assert {r for r in behind if r[0] == "edu-port-japan"} == {
        ("edu-port-japan", "mext", "runBy", None, None), ("edu-port-japan", "meti", "involves", None, None),
        ("edu-port-japan", "jetro", "involves", None, None), ("edu-port-japan", "mofa", "involves", None, None),
        ("edu-port-japan", "jica", "involves", None, None)}
    # paper: MJIIT involved JICA, METI and MOFA along with MEXT
    assert {r[1] for r in behind if r[0] == "malaysia-japan-international-institute-of-technology"} == {
        "jica", "meti", "mofa", "mext"}
    # paper, case 3: the project is facilitated by the JICA project office in Ulaanbaatar
    assert ("mongolian-engineering-higher-education-development-project", "jica", "runBy",
            "jica-ulaanbaatar-project-office", None) in behind
    # report, remarks: MEXT launched the JFIU, which selected the project
    assert ("strategic-partnerships-network-project", "mext", "runBy", None, "jfiu") in behind
    # report, remarks: the UTokyo project is the core of its Top Global University plan (MEXT)
    assert ("utokyo-strategic-partnership-university-project", "mext", "runBy", None,
            "top-global-university-project") in behind
    # only government bodies, agencies and intergovernmental bodies
    assert {r[1] for r in behind} <= {
        "mext", "meti", "mofa", "jica", "jetro", "government-of-japan", "government-of-mongolia",
        "government-of-china", "ministry-of-education-china", "government-of-egypt", "government-of-malaysia",
        "government-of-vietnam", "central-council-for-education"}


def test_query_backed_by(g):
    # paper: JICA behind MJIIT and the Vietnam-Japan University, Edu-Port Japan and the
    # Mongolian project (through its Ulaanbaatar project office)
    frame = g.query("backed-by", body="jica")
    assert rows(frame, "thing", "relation", "through") == {
        ("edu-port-japan", "involves", None),
        ("japan-malaysia-mjiit-partnership", "involves", None),
        ("japan-vietnam-vietnam-japan-university-partnership", "involves", None),
        ("japan-mongolia-engineering-higher-education-partnership", "involves", None),
        ("malaysia-japan-international-institute-of-technology", "involves", None),
        ("mongolian-engineering-higher-education-development-project", "involves", None),
        ("mongolian-engineering-higher-education-development-project", "runBy", "jica-ulaanbaatar-project-office"),
        ("jica-ulaanbaatar-project-office", "http://www.w3.org/ns/org#siteOf", None)}
    # paper: MEXT's 2005 overseas-bases strategy and the 2014 joint degree guidelines;
    # the Central Council for Education's Grand Design 2040
    mext = rows(g.query("backed-by", body="mext"), "thing", "relation")
    assert {("mext-overseas-bases-strategy-2005", "issuedBy"),
            ("guidelines-international-joint-degree-programmes", "issuedBy"),
            ("top-global-university-project", "runBy")} <= mext
    assert rows(g.query("backed-by", body="central-council-for-education"), "thing", "relation") == {
        ("grand-design-for-higher-education-2040", "issuedBy")}


def test_query_funded_under(g):
    # report, Soka University: the Ethiopian partnership is a SATREPS project
    assert rows(g.query("funded-under", scheme="satreps"), "thing", "kind") == {
        ("soka-university-bahir-dar-injibara-satreps-partnership", "Partnership")}
    # report, remarks: MEXT's Top Global University Project; the UTokyo project began in (fiscal) 2014;
    # report, Soka: the project ends before FY2024 (ja) or in academic year 2024 (en)
    frame = g.query("funded-under", scheme="top-global-university-project")
    assert set(column(frame, "schemeRunBy")) == {"mext"}
    assert ("utokyo-strategic-partnership-university-project", "university-of-tokyo", 2014, None) in rows(
        frame, "thing", "runBy", "since", "until")
    assert {u for t, u in rows(frame, "thing", "until") if t == "soka-university-top-global-university-project"} \
        == {"2024-03", "2025-03"}
    # report, remarks: the JFIU selected the UTokyo-led project
    assert ("strategic-partnerships-network-project", "university-of-tokyo", 2021, "2024-03") in rows(
        g.query("funded-under", scheme="jfiu"), "thing", "runBy", "since", "until")


# --------------------------------------------------------------------------------------------
# bases, institutes, programmes
# --------------------------------------------------------------------------------------------

def test_query_overseas_bases(g):
    # paper, case 1 (ASEAN Campus at Mahidol, April 2017); case 3 (JICA office in Ulaanbaatar);
    # report: Soka Philippines Office at UE (2018), Waseda Bonn Office (closed 2015) and Brussels
    # Office (2016), Kyushu Stockholm Liaison Office (2020), Ehime satellite office (Lurio)
    frame = g.query("overseas-bases")
    assert rows(frame, "base", "operator", "host", "country", "opened", "closed") == {
        ("osaka-university-asean-campus", "osaka-university", "mahidol-university", "TH", "2017-04", None),
        ("soka-university-philippines-office", "soka-university", "university-of-the-east", "PH", 2018, None),
        ("waseda-university-bonn-office", "waseda-university", None, "DE", None, 2015),
        ("waseda-university-brussels-office", "waseda-university", None, "BE", 2016, None),
        ("kyushu-university-stockholm-liaison-office", "kyushu-university", None, "SE", 2020, None),
        ("ehime-university-satellite-office-lurio", "ehime-university", None, "MZ", None, None),
        ("jica-ulaanbaatar-project-office", "jica", None, "MN", None, None)}
    assert rows(frame[frame.type.str.endswith("OverseasCampus")], "base") == {("osaka-university-asean-campus",)}


def test_query_overseas_bases_in(g):
    assert rows(g.query("overseas-bases-in", country="country:DE"), "base", "operator", "partner", "closed",
                "status") == {("waseda-university-bonn-office", "waseda-university", "university-of-bonn", 2015,
                               "concluded")}
    assert rows(g.query("overseas-bases-in", country="country:TH"), "base", "host", "opened") == {
        ("osaka-university-asean-campus", "mahidol-university", "2017-04")}
    assert g.query("overseas-bases-in", country="country:FR").empty


def test_query_joint_institutes(g):
    # paper: E-JUST 2009 (international expansion) / 2010 (case 3); MJIIT at UTM 2012 / 2011;
    # Vietnam-Japan University 2016; ISE at DUT with Ritsumeikan, 2013 (case 2); report:
    # ELyTMaX of Tohoku and INSA-Lyon (Tohoku), the planned Trilateral University Center (Kyushu)
    frame = g.query("joint-institutes")
    assert rows(frame, "institute", "countries", "founded", "hosts", "status") == {
        ("egypt-japan-university-of-science-and-technology", "EG", "2009 / 2010", None, None),
        ("malaysia-japan-international-institute-of-technology", "MY", "2011 / 2012",
         "University Teknologi Malaysia", None),
        ("vietnam-japan-university", "VN", "2016", None, None),
        ("dut-ru-international-school", "CN", "2013", "Dalian University of Technology", "active"),
        ("elytmax", "FR, JP", None, "Institut National des Sciences Appliquées de Lyon; Tohoku University", "active"),
        ("kyushu-ntu-uiuc-trilateral-university-center", "JP, TW, US", None, None, "planned")}
    institutes = {r[0]: r[1:] for r in rows(frame, "institute", "partners", "bodies")}
    assert institutes["dut-ru-international-school"] == ("Ritsumeikan University", "Ministry of Education of China")
    assert institutes["malaysia-japan-international-institute-of-technology"][1] == "JICA; METI; MEXT; MOFA"
    assert institutes["kyushu-ntu-uiuc-trilateral-university-center"][0] == (
        "Kyushu University; National Taiwan University; University of Illinois at Urbana-Champaign")


def test_query_programmes(g):
    frame = g.query("programmes")
    assert len(frame) == 15
    programmes = {r[0]: r[1:] for r in rows(frame, "programme", "types", "providers", "host", "since")}
    # paper, case 1: the International Certificate Program, a non-degree short programme launched in fall 2020
    assert programmes["osaka-university-international-certificate-program"] == (
        "certificate programme, short-term programme", "Osaka University", None, 2020)
    # report, Ehime: the six-university service-learning programme selected in 2012
    assert programmes["six-university-collaborative-service-learning-program"] == (
        "service-learning programme", "Bogor Agricultural University; Ehime University; Gadjah Mada University; "
        "Hasanuddin University; Kagawa University; Kochi University", None, 2012)
    # paper, case 2: dual degree, 40 students move to Ritsumeikan; host DUT
    assert programmes["dut-ru-dual-undergraduate-degree-program"][:3] == (
        "double degree programme", "Ritsumeikan University", "dalian-university-of-technology")
    # paper, case 3: twinning programme at MUST
    assert programmes["must-japanese-universities-twinning-programme"][2] == "mongolian-university-of-science-and-technology"


def test_query_tne_classification(g):
    # paper, three cases: ASEAN Campus 'similar to a franchise program' (bottom-up), DUT-RU 'a
    # classic example of a joint institute' (top-down), the Mongolian project a 'collaborative
    # program' (top-down); international expansion: C-BERT lists DUT-RU as a branch institution
    frame = g.query("tne-classification")
    disputed = "disagreement-dut-ru-tne-category"
    assert rows(frame, "case", "category", "origin", "disagreement", "sources") == {
        ("osaka-university-asean-campus-partnership", "franchise-programme", "bottom-up", None, None),
        ("dut-ritsumeikan-joint-institute-partnership", "joint-university", "top-down", disputed, "paper-three-cases"),
        ("dut-ritsumeikan-joint-institute-partnership", "international-branch-campus", "top-down", disputed,
         "paper-international-expansion"),
        ("japan-mongolia-engineering-higher-education-partnership", "partnership-programme", "top-down", None, None)}
    cited = {c for c, x in rows(frame, "category", "citation") if x}
    assert cited == {"international-branch-campus"}


# --------------------------------------------------------------------------------------------
# time
# --------------------------------------------------------------------------------------------

def test_query_timeline(g):
    frame = g.query("timeline")
    starts = [str(s) if not isinstance(s, str) else s for s in column(frame, "start")]
    assert starts == sorted(starts)
    # paper: Fulbright (1946-present), GARIOA (1947-1951) come first
    assert ordered(frame.head(2), "thing", "start", "end") == [("fulbright", 1946, None),
                                                               ("garioa-eroa", 1947, 1951)]
    timeline = rows(frame, "thing", "start", "end", "kind")
    # paper: the 300,000 plan 2008-2020; report remarks: TGU from 2014 to the end of March 2024
    assert ("plan-300000-international-students", 2008, 2020, "policy") in timeline
    assert ("top-global-university-project", 2014, "2024-03", "funding scheme") in timeline
    # report, meetings: the 3rd meeting on 10 February (ja) or 20 February 2022 (en): both kept
    assert {s for t, s, e, k in timeline if t == "member-universities-meeting-3"} == {"2022-02-10", "2022-02-20"}
    assert ("strategic-partnership-symposium-1", "2022-03-15T17:00:00+09:00", "2022-03-15T20:00:00+09:00",
            "symposium") in timeline
    assert ("suiji", 2011, None, "consortium or alliance") in timeline
    assert all(s is not None for s in starts)


def test_query_timeline_between(g):
    frame = g.query("timeline-between", **{"from": "2019", "to": "2020"})
    assert all(str(s)[:4] in ("2019", "2020") for s in column(frame, "start"))
    things = rows(frame, "thing", "start")
    # report: Kyoto's strategic partners (2019, 2020), Kyushu-UIUC (August 2019), Osaka-UCL seed
    # fund (2019), the Stockholm Liaison Office (2020), Soka's ASAIHL presidency (2020), U7+
    # launched at the 2019 Biarritz summit; paper: ICP (fall 2020), innovation strategy (July 2020)
    assert {("kyoto-university-university-of-vienna-strategic-partnership", 2019),
            ("kyoto-university-university-of-bordeaux-strategic-partnership", 2019),
            ("kyoto-university-university-of-zurich-strategic-partnership", 2020),
            ("kyoto-university-university-of-hamburg-strategic-partnership", 2020),
            ("kyoto-university-national-taiwan-university-strategic-partnership", 2020),
            ("kyushu-university-uiuc-strategic-partnership", "2019-08"),
            ("osaka-university-ucl-joint-seed-fund", 2019),
            ("kyushu-university-stockholm-liaison-office", 2020),
            ("membership-asaihl-soka-university-presidency", 2020),
            ("u7-alliance", 2019), ("g7-biarritz-summit-2019", 2019),
            ("osaka-university-international-certificate-program", 2020),
            ("innovation-strategy-2020", "2020-07")} <= things
    assert not any(t == "top-global-university-project" for t, _ in things)
    single = g.query("timeline-between", **{"from": "2013", "to": "2013"})
    assert rows(single, "thing") == {("dut-ritsumeikan-joint-institute-partnership",), ("dut-ru-international-school",)}


def test_query_events(g):
    frame = g.query("events")
    events = set(column(frame, "event"))
    assert len(events) == 37
    # report, symposia: three online symposia with their themes (en)
    symposia = ordered(frame[frame.series.fillna("").str.endswith("strategic-partnership-symposia")],
                       "ordinal", "start", "where", "theme")
    assert symposia == [
        (1, "2022-03-15T17:00:00+09:00", "online",
         "Strategic Partnerships to Strengthen International Competitiveness under the Corona Pandemic"),
        (2, "2023-03-03T17:30:00+09:00", "online", "How to deepen the partnership in various aspects"),
        (3, "2023-12-19T17:30:00+09:00", "online",
         "Future prospects for international cooperation of Japanese universities with overseas universities")]
    # report, meetings: 16 meetings, the last planned for March 2024; the workshop on 9 September
    # (ja) or 9 November 2023 (en)
    meetings = frame[frame.series.fillna("").str.endswith("member-universities-meetings")]
    assert set(column(meetings, "ordinal")) == set(range(1, 17))
    assert ("member-universities-meeting-16", "2024-03", "planned") in rows(frame, "event", "start", "status")
    assert {s for e, s in rows(frame, "event", "start") if e == "strategic-partnership-workshop"} == {
        "2023-09-09T15:00:00+09:00", "2023-11-09T15:00:00+09:00"}
    # report, Kyoto University: joint symposium with Zurich at Kyoto in March 2023
    assert ("kyoto-university-university-of-zurich-joint-symposium-2023", "2023-03",
            "Kyoto University; University of Zurich", "Kyoto University") in rows(
        frame, "event", "start", "organisers", "where")


def test_query_speakers(g):
    # report, symposia pages (ja/en) and programmes of the 1st (en) and 2nd (ja) symposia
    frame = g.query("speakers")
    assert rows(frame, "event", "person", "role", "onBehalfOf") == {
        ("strategic-partnership-symposium-1", "orie-kishimoto", "keynote-speaker", "mext-higher-education-bureau"),
        ("strategic-partnership-symposium-1", "christian-schwarzenegger", "keynote-speaker", "university-of-zurich"),
        ("strategic-partnership-symposium-1", "saori-obayashi", "case-presenter", "osaka-university"),
        ("strategic-partnership-symposium-1", "osamu-kobayashi", "case-presenter", "ehime-university"),
        ("strategic-partnership-symposium-1", "motoko-shimagami", "case-presenter", "ehime-university"),
        ("strategic-partnership-symposium-2", "kaori-hayashi", "opening-remarks", "university-of-tokyo"),
        ("strategic-partnership-symposium-2", "yosuke-kobayashi", "guest-remarks", "mext-higher-education-bureau"),
        ("strategic-partnership-symposium-2", "akiyoshi-yonezawa", "keynote-speaker", "tohoku-university"),
        ("strategic-partnership-symposium-2", "geraint-rees", "keynote-speaker", "university-college-london"),
        ("strategic-partnership-symposium-2", "akiyoshi-yonezawa", "panellist", "tohoku-university"),
        ("strategic-partnership-symposium-2", "geraint-rees", "panellist", "university-college-london"),
        ("strategic-partnership-symposium-2", "saori-obayashi", "panellist", "osaka-university"),
        ("strategic-partnership-symposium-2", "satoshi-watanabe", "panellist", "university-of-tokyo"),
        ("strategic-partnership-symposium-2", "motohiro-tsuchiya", "case-presenter", "keio-university"),
        ("strategic-partnership-symposium-2", "natalie-konomi", "case-presenter", "kyushu-university"),
        ("strategic-partnership-symposium-2", "tatsuki-toda", "case-presenter", "soka-university"),
        ("strategic-partnership-symposium-2", "genta-kawahara", "closing-remarks", "osaka-university"),
        ("strategic-partnership-symposium-3", "kazuo-kuroda", "keynote-speaker", "waseda-university"),
        ("strategic-partnership-symposium-3", "jorge-ferrao", "keynote-speaker", "maputo-pedagogical-university")}
    talks = {p: t for p, t in rows(frame, "person", "talk") if t}
    assert talks["saori-obayashi"] == ("Co-creation with Global Knowledge Partners on societal challenges – "
                                       "A case of Osaka University")
    assert talks["akiyoshi-yonezawa"] == "大学のグローバル・エンゲージメントと戦略的パートナーシップ"
    dates = column(frame, "date")
    assert dates == sorted(dates)


def test_query_people_of(g):
    # report, remarks (2024) and 2nd symposium (programme ja, symposia page en)
    frame = g.query("people-of", institution="university-of-tokyo")
    assert rows(frame, "person", "unit", "titleEn", "titleJa", "asOf") == {
        ("kaori-hayashi", None, "Executive Vice President", "理事・副学長", 2024),
        ("kaori-hayashi", "utokyo-international-strategy-and-planning-office",
         "Director of the International Strategy and Planning Office", "国際戦略企画室長", 2024),
        ("kaori-hayashi", None, None, "理事・副学長", "2023-03-03"),
        ("kaori-hayashi", "utokyo-division-of-global-campus-initiatives", None, "グローバルキャンパス推進本部長",
         "2023-03-03"),
        ("satoshi-watanabe", None, "Professor", "教授", "2023-03-03"),
        ("satoshi-watanabe", None, None, "総長特任補佐", "2023-03-03"),
        ("satoshi-watanabe", "utokyo-division-of-global-campus-initiatives",
         "Deputy Director General of the Division for Global Campus Initiatives", "グローバルキャンパス推進本部副本部長",
         "2023-03-03")}
    # report, symposia: two officials of MEXT's Higher Education Bureau
    assert rows(g.query("people-of", institution="mext"), "person", "unit", "titleJa") == {
        ("orie-kishimoto", "mext-higher-education-bureau", "主任視学官"),
        ("yosuke-kobayashi", "mext-higher-education-bureau", "参事官（国際担当）")}


# --------------------------------------------------------------------------------------------
# figures, sources and disagreements
# --------------------------------------------------------------------------------------------

def test_query_figures(g, kg):
    frame = g.query("figures")
    assert len(frame) == len(set(frame.figure)) == len(list(kg.dataset.query(
        "SELECT ?f WHERE { ?f a <https://w3id.org/partnergraph/ontology#Figure> }")))
    figures = {r[0]: r[1:] for r in rows(frame, "figure", "value", "unit", "period", "approximation", "isTarget",
                                          "citation", "sources")}
    # paper, internationalization: 312,214 students in 2019 (JASSO, 2020)
    assert figures["figure-international-students-japan-2019"] == (
        312214, "person", 2019, "exact", False, "JASSO (2020)", "paper-internationalization")
    # report, Ehime University (ja/en): SUIJI undergraduate programmes 411 sent, 336 received (FY2023)
    assert figures["figure-suiji-undergraduate-students-sent-fy2023"][:3] == (411, "person", 2023)
    assert figures["figure-suiji-undergraduate-students-received-fy2023"][:3] == (336, "person", 2023)
    # report, Osaka University: GKP agreements with 14 institutions in 8 countries as of February 2024
    assert figures["figure-osaka-university-gkp-institutions-2024-02"][:3] == (14, "institution", "2024-02")
    assert figures["figure-osaka-university-gkp-countries-2024-02"][:3] == (8, "country", "2024-02")
    # paper, case 3: the twinning students spend 2.5 years at MUST
    assert figures["figure-must-twinning-years-at-must"][:2] == (2.5, "year")
    # report, Soka University: about 260 ASAIHL members
    assert figures["figure-asaihl-member-institutions"][:4] == (260, "institution", None, "approximately")
    suiji = frame[frame.figure.str.endswith("figure-suiji-graduate-students-received-fy2023")].iloc[0]
    assert suiji.measureJa == "SUIJIコンソーシアム事業の大学院プログラムにおける受入学生数"
    assert suiji.about == "SUIJI consortium project"
    assert all(frame.measure.notna()) and all(frame.sources.str.len() > 0)


def test_query_figures_about(g):
    # paper: 36 US branch campuses by the end of the 1990s, one left by 2004 (Temple); 5,849
    # students in 1978 and 312,214 in 2019; the 300,000 target for 2020; 690 overseas bases in
    # 2018, 67% in Asia; 24 joint degree programmes in five years; double degree programmes 197
    # (2007) and 1,196 (2017); 18-year-olds at 70% by 2040; two Japanese branch institutions in C-BERT
    frame = g.query("figures-about", about="country:JP")
    assert rows(frame, "value", "unit", "period", "isTarget") == {
        (36, "institution", None, False), (1, "institution", 2004, False), (5849, "person", 1978, False),
        (312214, "person", 2019, False), (300000, "person", 2020, True), (690, "base", 2018, False),
        (67, "percent", 2018, False), (24, "programme", None, False), (197, "programme", 2007, False),
        (1196, "programme", 2017, False), (70, "percent", 2040, False), (2, "institution", None, False)}
    # dated ones first, oldest first (the 1990s branch campuses are dated by their end, 1999)
    assert column(frame, "value")[:4] == [5849, 36, 1, 197]
    # report, Ehime University: exchanges by FY2023, twelve years after the start (ja text)
    assert rows(g.query("figures-about", about="suiji-consortium-project"), "value", "unit", "period") == {
        (411, "person", 2023), (336, "person", 2023), (23, "person", 2023), (94, "person", 2023),
        (12, "year", 2023)}


def test_query_figure_series(g):
    # paper, internationalization: 5,849 (1978) to 312,214 (2019); target 300,000 by 2020
    assert ordered(g.query("figure-series", measure="international students"), "period", "value", "isTarget") == [
        (1978, 5849, False), (2019, 312214, False), (2020, 300000, True)]
    # paper, international expansion: 197 (MEXT, 2007) to 1,196 by 2017 (MEXT, 2020c)
    assert ordered(g.query("figure-series", measure="Double Degree Programmes of Japanese"),
                   "period", "value", "citation") == [(2007, 197, "MEXT (2007)"), (2017, 1196, "MEXT (2020c)")]
    # Japanese measures match too (report, Ehime University: four exchange counts and the
    # twelve years since the start, all as of FY2023)
    assert sorted(column(g.query("figure-series", measure="SUIJIコンソーシアム"), "value")) == [12, 23, 94, 336, 411]


def test_query_provenance(g):
    # report, Kyushu University (ja/en): strategic partnership agreement with NTU in September 2023
    frame = g.query("provenance", entity="kyushu-university-ntu-strategic-partnership")
    statements = rows(frame, "direction", "subject", "property", "value", "file", "sources")
    here = ("graph/partnerships/kyushu-university.ttl", "report-kyushu-en, report-kyushu-ja")
    own = "kyushu-university-ntu-strategic-partnership"
    assert ("out", own, "schema:startDate", "2023-09") + here in statements
    assert ("out", own, "pg:participant", "national-taiwan-university") + here in statements
    assert ("out", own, "prov:wasDerivedFrom", "report-kyushu-ja") + here in statements
    assert ("in", "kyushu-ntu-uiuc-trilateral-mou", "pg:buildsOn", own) + here in statements
    assert set(column(frame, "direction")) == {"out", "in"}
    assert column(frame, "direction") == sorted(column(frame, "direction"), reverse=True)  # own statements first
    # report, symposia: Geraint Rees gave a keynote and joined the panel at the 2nd symposium
    frame = g.query("provenance", entity="geraint-rees")
    assert {r for r in rows(frame, "direction", "subject", "via", "qualifier", "property", "file")
            if r[2]} == {
        ("in", "strategic-partnership-symposium-2", "pg:contribution", "keynote-speaker", "pg:agent",
         "graph/events/jfiu-project.ttl"),
        ("in", "strategic-partnership-symposium-2", "pg:contribution", "panellist", "pg:agent",
         "graph/events/jfiu-project.ttl")}
    # paper, case 2: the roles of DUT (host) and Ritsumeikan (provider), from the qualified participations
    frame = g.query("provenance", entity="dut-ritsumeikan-joint-institute-partnership")
    assert {(q, v) for d, via, q, p, v in rows(frame, "direction", "via", "qualifier", "property", "value")
            if via == "pg:qualifiedParticipation" and p == "pg:role"} == {
        ("dalian-university-of-technology", "host"), ("ritsumeikan-university", "provider")}


def test_query_disagreements(g):
    # paper: E-JUST 2009 (international expansion) vs 2010 (case 3), MJIIT 2012 vs 2011, DUT-RU
    # joint institute (three cases) vs branch campus in C-BERT (international expansion);
    # report: survey November 2021 (ja survey page, summaries) vs 2011 (en survey page);
    # workshop 9 September (ja) vs 9 November 2023 (en); meetings 3, 8, 14 (ja vs en);
    # Soka's TGU project ending with FY2023 (ja) vs academic year 2024 (en)
    frame = g.query("disagreements")
    assert rows(frame, "about", "property", "value", "sources") == {
        ("egypt-japan-university-of-science-and-technology", "schema:foundingDate", 2009, "paper-international-expansion"),
        ("egypt-japan-university-of-science-and-technology", "schema:foundingDate", 2010, "paper-case-3"),
        ("malaysia-japan-international-institute-of-technology", "schema:foundingDate", 2012,
         "paper-international-expansion"),
        ("malaysia-japan-international-institute-of-technology", "schema:foundingDate", 2011, "paper-case-3"),
        ("dut-ritsumeikan-joint-institute-partnership", "pg:tneCategory", "joint-university", "paper-three-cases"),
        ("dut-ritsumeikan-joint-institute-partnership", "pg:tneCategory", "international-branch-campus",
         "paper-international-expansion"),
        ("strategic-partnership-survey-2021", "schema:startDate", "2021-11",
         "report-summary-en, report-summary-ja, report-survey-ja"),
        ("strategic-partnership-survey-2021", "schema:startDate", "2011-11", "report-survey-en"),
        ("strategic-partnership-workshop", "schema:startDate", "2023-09-09T15:00:00+09:00", "report-workshop-ja"),
        ("strategic-partnership-workshop", "schema:startDate", "2023-11-09T15:00:00+09:00", "report-workshop-en"),
        ("member-universities-meeting-3", "schema:startDate", "2022-02-10", "report-meetings-ja"),
        ("member-universities-meeting-3", "schema:startDate", "2022-02-20", "report-meetings-en"),
        ("member-universities-meeting-8", "schema:startDate", "2022-11-22", "report-meetings-ja"),
        ("member-universities-meeting-8", "schema:startDate", "2022-11-11", "report-meetings-en"),
        ("member-universities-meeting-14", "schema:startDate", "2023-12-11", "report-meetings-ja"),
        ("member-universities-meeting-14", "schema:startDate", "2023-12-22", "report-meetings-en"),
        ("soka-university-top-global-university-project", "schema:endDate", "2024-03", "report-soka-ja"),
        ("soka-university-top-global-university-project", "schema:endDate", "2025-03", "report-soka-en")}
    assert len(set(frame.disagreement)) == 9
    assert frame.comment.notna().all()
