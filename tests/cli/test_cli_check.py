"""`ktv check` and the exit codes: 0 ok (warnings too), 1 data errors, 2 refusal."""

from __future__ import annotations

import json

TODAY = "2017-05-20"
OTHER_YEAR = (
    'schema = 1\nwerknemer = "WN-050"\nwerkgever = "WG-050"\nbegin = 2017-01-01\neinde = 2017-09-01\n'
)


def test_clean_folder(ktv, seed):
    result = ktv("--data", str(seed), "check", "--today", TODAY, rc=0)
    assert result.stdout.strip().splitlines() == ["Geen problemen gevonden in 8 bestanden."]


def test_warnings_only_exit_0(ktv, seed):
    path = seed / "perioden" / "2016-02-12-aaaaa.toml"
    path.write_text(path.read_text().replace("ontvangen = 2016-07-11", "ontvangen = 2016-07-01", 1))
    result = ktv("--data", str(seed), "check", "--today", TODAY, rc=0)
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("perioden/2016-02-12-aaaaa.toml:9: waarschuwing: ")
    assert ": waarschuwing: formulier werknemer ontvangen op 2016-07-01" in lines[0]
    assert lines[-1] == "0 fouten, 1 waarschuwing in 8 bestanden."
    assert len(lines) == 2  # only problems and the summary, nothing per clean file


def test_errors_exit_1(ktv, seed):
    path = seed / "perioden" / "2016-02-12-aaaaa.toml"
    path.write_text(path.read_text().replace("cijfer = 7.0", "cijfer = 11"))
    result = ktv("--data", str(seed), "check", "--today", TODAY, rc=1)
    assert (
        "perioden/2016-02-12-aaaaa.toml:10: fout: cijfer 11 ligt buiten 1 tot 10"
        in result.stdout.splitlines()
    )


def test_broken_toml_conflict_marker_and_bsn_are_all_named(ktv, seed):
    periods = seed / "perioden"
    (periods / "kapot.toml").write_text('schema = 1\nwerknemer = "WN-1\nbegin = 2016-01-01\n')
    (periods / "conflict.toml").write_text(
        'schema = 1\n<<<<<<< HEAD\nwerknemer = "WN-1"\n=======\nwerknemer = "WN-2"\n>>>>>>> tak\n'
    )
    (periods / "bsn.toml").write_text(
        'schema = 1\nwerknemer = "WN-1"\nwerkgever = "WG-1"\nbegin = 2016-01-01\n'
        'opmerking = "BSN 111222333"\n'
    )
    (periods / "later.toml").write_text(OTHER_YEAR)  # einde in the future: a warning elsewhere
    lines = ktv("--data", str(seed), "check", "--today", TODAY, rc=1).stdout.splitlines()
    assert any(line.startswith("perioden/kapot.toml:2: fout: TOML-syntaxfout") for line in lines), lines
    for marker_line in (2, 4, 6):
        assert any(
            line.startswith(f"perioden/conflict.toml:{marker_line}: fout: git-conflictmarkering")
            for line in lines
        )
    assert any(
        line.startswith("perioden/bsn.toml:5: fout: 'opmerking' bevat persoonsgegevens: een BSN")
        for line in lines
    )
    assert any(
        line.startswith("perioden/later.toml:5: waarschuwing: einde 2017-09-01 ligt in de toekomst")
        for line in lines
    )
    assert lines[-1] == "5 fouten, 1 waarschuwing in 12 bestanden."


def test_stats_refuses_while_an_error_blocks_its_meetjaar(ktv, seed):
    path = seed / "perioden" / "2016-02-12-aaaaa.toml"
    path.write_text(path.read_text().replace("cijfer = 7.0", "cijfer = 7.25"))
    result = ktv("--data", str(seed), "stats", "--today", TODAY, rc=2)
    assert result.stdout == ""
    assert "ktv check" in result.stderr
    assert "perioden/2016-02-12-aaaaa.toml:10: fout: cijfer 7.25 heeft meer dan één decimaal" in result.stderr
    ktv("--data", str(seed), "stats", "--json", "--today", TODAY, rc=2)
    # the next meetjaar has no error of its own
    data = json.loads(
        ktv("--data", str(seed), "stats", "--jaar", "2018", "--json", "--today", TODAY, rc=0).stdout
    )
    assert data["jaar"] == 2018


def test_stats_is_not_blocked_by_errors_in_other_meetjaren(ktv, seed):
    (seed / "perioden" / "later.toml").write_text(OTHER_YEAR + "[beoordeling.werknemer]\ncijfer = 11\n")
    today = "2017-10-01"
    result = ktv("--data", str(seed), "stats", "--jaar", "2017", "--json", "--today", today, rc=0)
    assert json.loads(result.stdout)["werknemer"]["weergave"] == "7,2"
    assert "1 fout in andere meetjaren" in result.stderr and "ktv check" in result.stderr
    human = ktv("--data", str(seed), "stats", "--jaar", "2017", "--today", today, rc=0)
    assert "1 fout in andere meetjaren" in human.stdout
    ktv("--data", str(seed), "stats", "--jaar", "2018", "--today", today, rc=2)


def test_stats_is_blocked_by_shared_files_and_untellable_periods(ktv, seed):
    (seed / "perioden" / "zonder-datum.toml").write_text(
        'schema = 1\nwerknemer = "WN-1"\nwerkgever = "WG-1"\n'
    )
    result = ktv("--data", str(seed), "stats", "--today", TODAY, rc=2)
    assert "perioden/zonder-datum.toml" in result.stderr and "ktv check" in result.stderr
    (seed / "perioden" / "zonder-datum.toml").unlink()
    ktv("--data", str(seed), "stats", "--today", TODAY, rc=0)
    questionnaire = seed / "vragenlijsten" / "werkgever.toml"
    questionnaire.write_text(questionnaire.read_text().replace("schaal = [", "schaal = 3\nx = ["))
    result = ktv("--data", str(seed), "stats", "--jaar", "2018", "--today", TODAY, rc=2)
    assert "vragenlijsten/werkgever.toml" in result.stderr


def test_stats_is_blocked_by_its_own_meetjaar_file(ktv, seed):
    (seed / "meetjaren" / "2017.toml").write_text('schema = 1\nanalyse = "Bel 0612345678"\n')
    ktv("--data", str(seed), "stats", "--jaar", "2017", "--today", TODAY, rc=2)
    ktv("--data", str(seed), "stats", "--jaar", "2018", "--today", TODAY, rc=0)


def test_a_broken_ktv_toml_refuses_with_a_message(ktv, seed):
    (seed / "ktv.toml").write_text('schema = 1\nnaam = "X"\n')
    result = ktv("--data", str(seed), "stats", "--today", TODAY, rc=2)
    assert "ktv.toml" in result.stderr and "ktv check" in result.stderr
    # `deadlines` always answers (SPEC §2): here the meetjaren are unknown, the error is named
    result = ktv("--data", str(seed), "deadlines", "--today", TODAY, rc=0)
    assert "ktv.toml: fout" in result.stdout and "ktv check" in result.stdout
    result = ktv("--data", str(seed), "check", "--today", TODAY, rc=1)
    assert "ktv.toml: fout: verplichte sleutel 'erkenningsdatum' ontbreekt" in result.stdout
