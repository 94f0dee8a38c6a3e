"""The notebook magics, driven through a real IPython shell."""

from __future__ import annotations

import pandas as pd
import pytest
from IPython.core.error import UsageError
from IPython.testing.globalipapp import start_ipython


@pytest.fixture(scope="module")
def ip():
    shell = start_ipython()
    shell.run_line_magic("load_ext", "partnergraph")
    return shell


def test_cell_magic_runs_sparql_and_binds_the_frame(ip):
    shown = ip.run_cell_magic("sparql", "unis --lang ja",
                              "SELECT ?u WHERE { ?u a pg:University ; pg:country country:JP } ORDER BY ?u")
    frame = ip.user_ns["unis"]
    assert isinstance(frame, pd.DataFrame) and frame is shown
    assert "京都大学" in set(frame.u_label)


def test_cell_magic_binds_parameters_through_the_engine(ip):
    frame = ip.run_cell_magic("sparql", "--param c=pgid:suiji",
                              "SELECT ?c ?m WHERE { ?x org:organization ?c ; org:member ?m } ORDER BY ?m")
    assert len(frame) == len(ip.run_line_magic("sparql", "members-of suiji"))


def test_an_entity_parameter_may_be_a_name_in_either_language(ip):
    by_id = ip.run_line_magic("sparql", "partners-of kyoto-university")
    pd.testing.assert_frame_equal(by_id, ip.run_line_magic("sparql", "partners-of 京都大学"))
    pd.testing.assert_frame_equal(by_id, ip.run_line_magic("sparql", "partners-of 'Kyoto University'"))


def test_line_magic_runs_a_named_query_with_positional_or_named_values(ip):
    by_position = ip.run_line_magic("sparql", "partners-of kyushu-university")
    by_name = ip.run_line_magic("sparql", "partners-of institution=kyushu-university -o partners")
    pd.testing.assert_frame_equal(by_position, by_name)
    assert ip.user_ns["partners"] is by_name
    assert "University of Illinois at Urbana-Champaign" in set(by_name.partner_label)


def test_a_parameter_need_not_be_selected(ip):
    members = ip.run_cell_magic("sparql", "--param c=pgid:suiji",
                                "SELECT ?m WHERE { ?x org:organization ?c ; org:member ?m } ORDER BY ?m")
    selected = ip.run_cell_magic("sparql", "--param c=pgid:suiji",
                                 "SELECT ?m ?c WHERE { ?x org:organization ?c ; org:member ?m } ORDER BY ?m")
    pd.testing.assert_frame_equal(members, selected)
    assert {"Ehime University", "Gadjah Mada University"} <= set(members.m_label)


@pytest.mark.parametrize("kind, line, cell, message", [
    ("cell", "", "SELECT ?x WHERE { ?x ?p }", "line 1"),
    ("cell", "", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "read-only"),
    ("cell", "", "  ", "no query"),
    ("line", "partner-of kyoto-university", None, "partners-of"),
    ("line", "partners-of a b", None, "takes 1 parameter"),
    ("line", "partners-of nobody-at-all", None, "institution: no entity is called 'nobody-at-all'"),
])
def test_errors_are_one_readable_line(ip, kind, line, cell, message):
    with pytest.raises(UsageError, match=message):
        if kind == "cell":
            ip.run_cell_magic("sparql", line, cell)
        else:
            ip.run_line_magic("sparql", line)


def test_a_failing_cell_shows_no_traceback(ip, capsys):
    result = ip.run_cell("%%sparql\nSELECT ?x WHERE { ?x ?p }")
    assert not result.success
    shown = capsys.readouterr()
    assert "UsageError" in shown.err + shown.out and "Traceback" not in shown.err + shown.out
