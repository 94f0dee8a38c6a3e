"""Competency questions: what a researcher with the two source documents on the desk asks of
the graph, as SPARQL, with answers checked by hand against the documents.

Each entry: the question, the query (project prefixes are added), the expected rows (IRIs
shortened to their local name, literals as their lexical form) and where the documents
state the answer ("paper: <section>" or "report: <section>, ja/en").
"""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from partnergraph.namespaces import sparql_prologue


def _short(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        text = str(term)
        return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]
    if isinstance(term, Literal):
        return str(term)
    return str(term)



QUESTIONS = [
    (
        "Who are Kyoto University's strategic partners, and since when?",
        """SELECT ?partner ?since WHERE {
             ?p a pg:Partnership ; pg:partnershipKind pgc:strategic-partnership ;
                pg:participant pgid:kyoto-university , ?partner ; schema:startDate ?since .
             FILTER (?partner != pgid:kyoto-university) }""",
        {("university-of-vienna", "2019"), ("university-of-bordeaux", "2019"), ("university-of-zurich", "2020"),
         ("university-of-hamburg", "2020"), ("national-taiwan-university", "2020")},
        "report: Kyoto University, ja/en",
    ),
    (
        "Which universities form the SUIJI consortium?",
        """SELECT ?u WHERE { ?m a org:Membership ; org:organization pgid:suiji ; org:member ?u }""",
        {("ehime-university",), ("kagawa-university",), ("kochi-university",), ("gadjah-mada-university",),
         ("bogor-agricultural-university",), ("hasanuddin-university",)},
        "report: Ehime University, ja/en",
    ),
    (
        "In which year was SUIJI established?",
        """SELECT DISTINCT ?year WHERE { ?m org:organization pgid:suiji ; org:role pgc:founding-member ;
                                               schema:startDate ?year }""",
        {("2011",)},
        "report: Ehime University (平成23年度 / 2011)",
    ),
    (
        "Which projects and partnerships involve JICA?",
        """SELECT DISTINCT ?x WHERE { ?x pg:involves|pg:fundedBy|pg:runBy|pg:participant pgid:jica }""",
        {("mongolian-engineering-higher-education-development-project",), ("edu-port-japan",),
         ("japan-mongolia-engineering-higher-education-partnership",), ("japan-malaysia-mjiit-partnership",),
         ("japan-vietnam-vietnam-japan-university-partnership",),
         ("malaysia-japan-international-institute-of-technology",)},
        "paper: international expansion (MJIIT, VJU, Edu-Port), case 3 (Mongolia)",
    ),
    (
        "Which overseas universities partner with two or more Japanese universities?",
        """SELECT ?overseas (COUNT(DISTINCT ?jp) AS ?n) WHERE {
             ?p a pg:Partnership ; pg:participant ?jp , ?overseas .
             ?jp a pg:University ; pg:country country:JP .
             ?overseas a pg:University ; pg:country ?c . FILTER (?c != country:JP)
           } GROUP BY ?overseas HAVING (COUNT(DISTINCT ?jp) >= 2)""",
        {("university-college-london", "2"), ("national-taiwan-university", "2")},
        "report: Tohoku (UCL matching funds), Osaka (UCL seed fund), Kyoto and Kyushu (NTU)",
    ),
    (
        "Who takes part in the trilateral MoU of Kyushu University, and when was it signed?",
        """SELECT ?u ?d WHERE { ?p pg:partnershipKind pgc:trilateral-mou ; pg:participant ?u ; schema:startDate ?d }""",
        {("kyushu-university", "2024-02"), ("national-taiwan-university", "2024-02"),
         ("university-of-illinois-urbana-champaign", "2024-02")},
        "report: Kyushu University, ja/en",
    ),
    (
        "Which bilateral strategic partnerships does the trilateral MoU build on?",
        """SELECT ?earlier ?since WHERE { ?p pg:partnershipKind pgc:trilateral-mou ; pg:buildsOn ?earlier .
                                           ?earlier pg:partnershipKind pgc:strategic-partnership ;
                                                    schema:startDate ?since }""",
        {("kyushu-university-uiuc-strategic-partnership", "2019-08"),
         ("kyushu-university-ntu-strategic-partnership", "2023-09")},
        "report: Kyushu University, ja/en",
    ),
    (
        "What roles do universities hold in the Japan Forum for Internationalization of Universities?",
        """SELECT ?u ?role WHERE { ?m org:organization pgid:jfiu ; org:member ?u ; org:role ?role .
                                    FILTER (?role != pgc:member) }""",
        {("tohoku-university", "representative-university"), ("university-of-tsukuba", "deputy-representative-university"),
         ("ritsumeikan-university", "secretariat")},
        "report: remarks, ja/en",
    ),
    (
        "Which university has been MIRAI's Japanese-side secretariat, and since when?",
        """SELECT ?u ?since WHERE { ?m org:organization pgid:mirai ; org:role pgc:japanese-side-secretariat ;
                                     org:member ?u ; schema:startDate ?since }""",
        {("kyushu-university", "2024-01")},
        "report: Kyushu University, ja/en",
    ),
    (
        "Which consortia is Kyushu University a member of?",
        """SELECT DISTINCT ?c WHERE { ?m org:member pgid:kyushu-university ; org:organization ?c .
                                       ?c a pg:Consortium }""",
        {("mirai",), ("renkei",), ("apru",)},
        "report: Kyushu University",
    ),
    (
        "Which universities took part in the strategic-partnership network project, in which role?",
        """SELECT ?u ?role WHERE { pgid:strategic-partnerships-network-project-partnership
                                     pg:qualifiedParticipation [ pg:agent ?u ; pg:role ?role ] }""",
        {("university-of-tokyo", "managing-university")} | {
            (u, "partner-university") for u in ("tohoku-university", "waseda-university", "soka-university",
                                                 "keio-university", "kyoto-university", "osaka-university",
                                                 "ehime-university", "kyushu-university")},
        "report: remarks, ja/en",
    ),
    (
        "How many international students did Japan have in 1978 and in 2019?",
        """SELECT ?year ?n WHERE { ?f a pg:Figure ; pg:about country:JP ; pg:value ?n ; pg:referencePeriod ?year ;
                                     pg:isTarget false ; pg:measure ?m .
                                  FILTER (lang(?m) = "en" && CONTAINS(LCASE(?m), "international students")) }""",
        {("1978", "5849"), ("2019", "312214")},
        "paper: internationalization (JASSO, 2020)",
    ),
    (
        "What was the target number of international students, and for when?",
        """SELECT ?n ?year WHERE { ?f a pg:Figure ; pg:isTarget true ; pg:value ?n ; pg:referencePeriod ?year ;
                                     pg:measure ?m . FILTER (CONTAINS(LCASE(?m), "international students")) }""",
        {("300000", "2020")},
        "paper: internationalization",
    ),
    (
        "How did the number of double-degree programmes grow?",
        """SELECT ?year ?n WHERE { ?f a pg:Figure ; pg:value ?n ; pg:referencePeriod ?year ; pg:measure ?m ;
                                     pg:about country:JP . FILTER (CONTAINS(LCASE(?m), "double degree")) }""",
        {("2007", "197"), ("2017", "1196")},
        "paper: international expansion (MEXT 2007, 2020c)",
    ),
    (
        "How many overseas bases did Japanese universities have in 2018, and what share was in Asia?",
        """SELECT ?n ?unit WHERE { ?f a pg:Figure ; pg:value ?n ; pg:unit ?unit ; pg:referencePeriod "2018"^^xsd:gYear ;
                                     pg:measure ?m . FILTER (CONTAINS(LCASE(?m), "overseas bases")) }""",
        {("690", "base"), ("67", "percent")},
        "paper: introduction, international expansion",
    ),
    (
        "Who gave the keynote speeches of the three strategic partnership symposia?",
        """SELECT ?symposium ?speaker WHERE { ?symposium a pg:Symposium ; pg:partOfProject ?project ;
                                               pg:contribution [ pg:agent ?speaker ; pg:role pgc:keynote-speaker ] .
                                              FILTER (?project = pgid:strategic-partnerships-network-project) }""",
        {("strategic-partnership-symposium-1", "orie-kishimoto"),
         ("strategic-partnership-symposium-1", "christian-schwarzenegger"),
         ("strategic-partnership-symposium-2", "akiyoshi-yonezawa"),
         ("strategic-partnership-symposium-2", "geraint-rees"),
         ("strategic-partnership-symposium-3", "kazuo-kuroda"),
         ("strategic-partnership-symposium-3", "jorge-ferrao")},
        "report: symposia, ja/en",
    ),
    (
        "When did the three symposia take place?",
        """SELECT ?n ?start WHERE { ?s a pg:Symposium ; pg:ordinal ?n ; schema:startDate ?start ;
                                      schema:superEvent pgid:strategic-partnership-symposia }""",
        {("1", "2022-03-15T17:00:00+09:00"), ("2", "2023-03-03T17:30:00+09:00"),
         ("3", "2023-12-19T17:30:00+09:00")},
        "report: symposia, ja/en",
    ),
    (
        "Which events have dates on which the Japanese and English texts disagree?",
        """SELECT ?event WHERE { ?d a pg:Disagreement ; pg:about ?event ; pg:onProperty schema:startDate .
                                  ?event a/rdfs:subClassOf* pg:Event }""",
        {("member-universities-meeting-3",), ("member-universities-meeting-8",),
         ("member-universities-meeting-14",), ("strategic-partnership-workshop",)},
        "report: workshop and member universities meetings, ja vs en",
    ),
    (
        "What founding years do the sources give for E-JUST, and where?",
        """SELECT ?year ?section WHERE { ?d a pg:Disagreement ;
                 pg:about pgid:egypt-japan-university-of-science-and-technology ; pg:claim ?c .
               ?c rdf:object ?year ; prov:wasDerivedFrom ?section }""",
        {("2009", "paper-international-expansion"), ("2010", "paper-case-3")},
        "paper: international expansion vs case 3",
    ),
    (
        "How does the paper itself classify its three cases in the Knight & McNamara scheme?",
        """SELECT ?case ?category WHERE { ?case pg:tneCategory ?category ; pg:classifiedBy pgsrc:paper .
             # leave out a category the paper only reports from another source
             FILTER NOT EXISTS { ?c a pg:Claim ; rdf:subject ?case ; rdf:object ?category ;
                                    dcterms:bibliographicCitation ?elsewhere } }""",
        {("osaka-university-asean-campus-partnership", "franchise-programme"),
         ("dut-ritsumeikan-joint-institute-partnership", "joint-university"),
         ("japan-mongolia-engineering-higher-education-partnership", "partnership-programme")},
        "paper: three cases",
    ),
    (
        "Which source classifies the DUT-RU joint institute as a branch campus, and which as a joint institute?",
        """SELECT ?category ?section WHERE { ?d a pg:Disagreement ; pg:onProperty pg:tneCategory ;
               pg:about pgid:dut-ritsumeikan-joint-institute-partnership ; pg:claim ?c .
             ?c rdf:object ?category ; prov:wasDerivedFrom ?section }""",
        {("joint-university", "paper-three-cases"), ("international-branch-campus", "paper-international-expansion")},
        "paper: international expansion (C-BERT) vs three cases",
    ),
    (
        "Which of the three cases are top-down and which bottom-up?",
        """SELECT ?case ?origin WHERE { ?case pg:origin ?origin ; pg:tneCategory ?any }""",
        {("osaka-university-asean-campus-partnership", "bottom-up"),
         ("dut-ritsumeikan-joint-institute-partnership", "top-down"),
         ("japan-mongolia-engineering-higher-education-partnership", "top-down")},
        "paper: discussion",
    ),
    (
        "Where is the Osaka University ASEAN Campus, on whose premises, and since when?",
        """SELECT ?host ?country ?since WHERE { pgid:osaka-university-asean-campus pg:hostInstitution ?host ;
                                                  pg:country ?country ; schema:startDate ?since }""",
        {("mahidol-university", "TH", "2017-04")},
        "paper: case 1",
    ),
    (
        "Which joint institute do Dalian University of Technology and Ritsumeikan run, and since when?",
        """SELECT ?institute ?founded WHERE { ?p pg:participant pgid:dalian-university-of-technology ,
                                                  pgid:ritsumeikan-university ; pg:resultedIn ?institute .
                                               ?institute a pg:JointInstitute ; schema:foundingDate ?founded }""",
        {("dut-ru-international-school", "2013")},
        "paper: case 2",
    ),
    (
        "Which roles do DUT and Ritsumeikan play in their joint institute?",
        """SELECT ?u ?role WHERE { pgid:dut-ritsumeikan-joint-institute-partnership
                                     pg:qualifiedParticipation [ pg:agent ?u ; pg:role ?role ] }""",
        {("dalian-university-of-technology", "host"), ("ritsumeikan-university", "provider")},
        "paper: case 2",
    ),
    (
        "Which overseas offices has Waseda University run, and when did they open and close?",
        """SELECT ?office ?opened ?closed WHERE { ?office a pg:OverseasOffice ; org:siteOf pgid:waseda-university .
                                                   OPTIONAL { ?office schema:startDate ?opened }
                                                   OPTIONAL { ?office schema:endDate ?closed } }""",
        {("waseda-university-bonn-office", None, "2015"), ("waseda-university-brussels-office", "2016", None)},
        "report: Waseda University, ja/en",
    ),
    (
        "Which universities run overseas bases, and in which countries?",
        """SELECT ?u ?country WHERE { ?base a/rdfs:subClassOf* pg:OverseasBase ; org:siteOf ?u ; pg:country ?country .
                                       ?u a pg:University }""",
        {("osaka-university", "TH"), ("soka-university", "PH"), ("waseda-university", "DE"), ("waseda-university", "BE"),
         ("kyushu-university", "SE"), ("ehime-university", "MZ")},
        "paper: case 1; report: Soka, Waseda, Kyushu, Ehime",
    ),
    (
        "Who initiated the U7+ Alliance, and is Keio University a member?",
        """SELECT ?u ?role WHERE { ?m org:organization pgid:u7-alliance ; org:member ?u ; org:role ?role }""",
        {("sciences-po", "initiator"), ("keio-university", "member")},
        "report: Keio University, ja/en",
    ),
    (
        "Since when has Soka University held the presidency of ASAIHL?",
        """SELECT ?since WHERE { ?m org:organization pgid:asaihl ; org:member pgid:soka-university ;
                                  org:role pgc:presidency ; schema:startDate ?since }""",
        {("2020",)},
        "report: Soka University, ja/en",
    ),
    (
        "Through how many phases has the Ehime–Lurio exchange gone?",
        """SELECT (COUNT(?phase) AS ?n) (MAX(?k) AS ?last) WHERE {
             ?p pg:participant pgid:ehime-university , pgid:lurio-university ; pg:phase ?phase .
             ?phase pg:phaseNumber ?k }""",
        {("5", "5")},
        "report: Ehime University, ja/en",
    ),
    (
        "Under which funding scheme does Soka University work with Ethiopian universities, and with which?",
        """SELECT ?scheme ?u WHERE { ?p pg:participant pgid:soka-university , ?u ; pg:fundedUnder ?scheme .
                                      ?u pg:country country:ET }""",
        {("satreps", "bahir-dar-university"), ("satreps", "injibara-university")},
        "report: Soka University, ja/en",
    ),
    (
        "With which group does UTokyo have a one-to-many partnership?",
        """SELECT ?partner WHERE { ?p pg:partnershipKind pgc:one-to-many ; pg:participant pgid:university-of-tokyo , ?partner .
                                    FILTER (?partner != pgid:university-of-tokyo) }""",
        {("stockholm-trio",)},
        "report: project summary, UTokyo chapter",
    ),
    (
        "Who partners with Kyoto University in its one-to-many partnership?",
        """SELECT ?partner WHERE { ?p pg:partnershipKind pgc:one-to-many ; pg:participant pgid:kyoto-university , ?partner .
                                    FILTER (?partner != pgid:kyoto-university) }""",
        {("university-of-bordeaux",), ("universities-in-africa",)},
        "report: project summary, en/ja",
    ),
    (
        "When did the Top Global University Project start and end?",
        """SELECT ?start ?end WHERE { pgid:top-global-university-project schema:startDate ?start ; schema:endDate ?end }""",
        {("2014", "2024-03")},
        "paper: internationalization; report: remarks, ja/en",
    ),
    (
        "Which government bodies and agencies are involved in Edu-Port Japan?",
        """SELECT ?body WHERE { pgid:edu-port-japan pg:involves|pg:runBy ?body }""",
        {("mext",), ("meti",), ("jetro",), ("mofa",), ("jica",)},
        "paper: international expansion",
    ),
    (
        "How did the Waseda–University of Bonn partnership develop?",
        """SELECT ?stage ?kind ?start WHERE { ?stage pg:participant pgid:waseda-university , pgid:university-of-bonn ;
                                               pg:partnershipKind ?kind ; schema:startDate ?start .
                                               FILTER (?kind IN (pgc:exchange-agreement, pgc:strategic-partnership)) }""",
        {("waseda-university-university-of-bonn-exchange-agreement", "exchange-agreement", "1960"),
         ("waseda-university-university-of-bonn-strategic-partnership", "strategic-partnership", "2017")},
        "report: Waseda University, ja/en",
    ),
    (
        "How many students has the SUIJI programme sent and received (as of FY2023)?",
        """SELECT ?v WHERE { ?f a pg:Figure ; pg:value ?v ; pg:unit pgc:person ; pg:referencePeriod "2023"^^xsd:gYear ; pg:measure ?m .
                             FILTER (lang(?m) = "en" && CONTAINS(LCASE(?m), "suiji")) }""",
        {("411",), ("336",), ("23",), ("94",)},
        "report: Ehime University, ja/en",
    ),
    (
        "How many Global Knowledge Partners did Osaka University have in February 2024, in how many countries?",
        """SELECT ?v ?unit WHERE { ?f a pg:Figure ; pg:about ?x ; pg:value ?v ; pg:unit ?unit .
                                   { ?f pg:referencePeriod "2024-02"^^xsd:gYearMonth } UNION { ?f pg:asOf "2024-02"^^xsd:gYearMonth }
                                   ?f prov:wasDerivedFrom pgsrc:report-osaka-en }""",
        {("14", "institution"), ("8", "country")},
        "report: Osaka University, ja/en",
    ),
    (
        "Who spoke for Osaka University at the symposia?",
        """SELECT DISTINCT ?person WHERE { ?e a pg:Symposium ; pg:contribution [ pg:agent ?person ;
                                            pg:onBehalfOf ?org ] . ?person a schema:Person .
                                          ?org (org:unitOf|org:subOrganizationOf)* pgid:osaka-university }""",
        {("saori-obayashi",), ("genta-kawahara",)},
        "report: symposium programmes",
    ),
]


@pytest.mark.parametrize(("question", "query", "expected", "where"), QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_competency_question(kg, question, query, expected, where):
    rows = {tuple(_short(v) for v in row) for row in kg.dataset.query(sparql_prologue() + query)}
    assert rows == expected, f"{question} ({where})"


def test_there_are_at_least_thirty_questions():
    assert len(QUESTIONS) >= 30


def test_every_relation_and_figure_names_a_section_of_a_source(kg):
    rows = list(kg.dataset.query(sparql_prologue() + """
        SELECT ?x WHERE {
          ?x a ?kind . FILTER (?kind IN (pg:Partnership, org:Membership, pg:Affiliation, pg:Figure, pg:Claim))
          FILTER NOT EXISTS { ?x prov:wasDerivedFrom/dcterms:isPartOf ?doc . ?doc a pg:SourceDocument }
        }"""))
    assert rows == []
