#!/usr/bin/env python3
"""deu3.py -- convert the DEU III data set into two entente scenarios.

    python3 tools/deu3.py [DATA] [OUTDIR]

DATA defaults to scenarios/deu3/documents/deu3.csv (the data set as
redistributed, tab-separated), OUTDIR to scenarios/.  Writes
OUTDIR/deu3 (capabilities from the treaties: Council votes under the
treaty in force on the proposal's date and its voting rule, the
Commission's and Parliament's role by procedure) and OUTDIR/deu3-gdp (the
GDP line of the redistributed copy as every actor's capability).  Both
keep the same issues, positions, saliences and outcomes; docs/deu3.md
gives the conventions and their sources.

One period per legislative proposal (ordered by the date the Commission
introduced it), one issue per DEU issue (its own 0-100 scale), one
position row per actor with a recorded position (an empty cell means the
actor is absent from that issue).  Python 3 standard library only; the
output is deterministic.
"""
import csv
import os
import re
import sys

STATES = [
    ("at", "Austria"), ("be", "Belgium"), ("bu", "Bulgaria"),
    ("cr", "Croatia"), ("cy", "Cyprus"), ("cz", "Czech Republic"),
    ("dk", "Denmark"), ("ee", "Estonia"), ("fi", "Finland"),
    ("fr", "France"), ("de", "Germany"), ("el", "Greece"),
    ("hu", "Hungary"), ("ie", "Ireland"), ("it", "Italy"), ("lv", "Latvia"),
    ("lt", "Lithuania"), ("lu", "Luxembourg"), ("mt", "Malta"),
    ("nl", "Netherlands"), ("pl", "Poland"), ("pt", "Portugal"),
    ("ro", "Romania"), ("si", "Slovenia"), ("sk", "Slovakia"),
    ("es", "Spain"), ("se", "Sweden"), ("uk", "United Kingdom"),
]
INSTITUTIONS = [("com", "European Commission"), ("ep", "European Parliament")]
NAMES = dict(STATES + INSTITUTIONS)

# Council votes under QMV, by regime.  Each regime's table is quoted in
# sources.csv (ids in REGIMES) and applies from its start date.
AMSTERDAM = {"be": 5, "dk": 3, "de": 10, "el": 5, "es": 8, "fr": 10,
             "ie": 3, "it": 10, "lu": 2, "nl": 5, "at": 4, "pt": 5,
             "fi": 3, "se": 4, "uk": 10}
ACCESSION_2003 = dict(AMSTERDAM, cz=5, ee=3, cy=2, lv=3, lt=3, hu=5, mt=2,
                      pl=8, si=3, sk=3)
NICE = {"be": 12, "bu": 10, "cz": 12, "dk": 7, "de": 29, "ee": 4, "ie": 7,
        "el": 12, "es": 27, "fr": 29, "it": 29, "cy": 4, "lv": 4, "lt": 7,
        "lu": 4, "hu": 12, "mt": 3, "nl": 13, "at": 10, "pl": 27, "pt": 12,
        "ro": 14, "si": 4, "sk": 7, "fi": 7, "se": 10, "uk": 29, "cr": 7}
POPULATION_2016 = {"de": 15.93, "fr": 13.04, "uk": 12.73, "it": 12.07,
                   "es": 9.12, "pl": 7.47, "ro": 3.9, "nl": 3.37, "be": 2.21,
                   "el": 2.13, "cz": 2.05, "pt": 2.04, "hu": 1.94,
                   "se": 1.92, "at": 1.69, "bu": 1.42, "dk": 1.11,
                   "fi": 1.08, "sk": 1.06, "ie": 0.91, "cr": 0.83,
                   "lt": 0.57, "si": 0.41, "lv": 0.39, "ee": 0.26,
                   "cy": 0.17, "lu": 0.11, "mt": 0.08}
NICE_ADDED = {"bu": "act2005", "ro": "act2005", "cr": "act2012"}

# (start date, name, weights, source id, what the weights are)
REGIMES = [
    ((1900, 1, 1), "Amsterdam", AMSTERDAM, "tec205",
     "votes under Art. 205(2) TEC (Treaty of Amsterdam)"),
    ((2004, 5, 1), "Nice", NICE, "nice",
     "votes under Art. 205(2) TEC as amended by the Treaty of Nice and the "
     "Acts of Accession"),
    ((2014, 11, 1), "Lisbon", POPULATION_2016, "pop2016",
     "percentage of the Union's population in 2016 (the 65 % criterion of "
     "Art. 16(4) TEU)"),
]

SOURCES = [
    ("tec205", "Treaty establishing the European Community (Amsterdam "
     "consolidated version), OJ C 340, 10.11.1997", "Art. 205(2)",
     "Belgium 5 Denmark 3 Germany 10 Greece 5 Spain 8 France 10 Ireland 3 "
     "Italy 10 Luxembourg 2 Netherlands 5 Austria 4 Portugal 5 Finland 3 "
     "Sweden 4 United Kingdom 10"),
    ("act2003", "Act concerning the conditions of accession of the Czech "
     "Republic, Estonia, Cyprus, Latvia, Lithuania, Hungary, Malta, Poland, "
     "Slovenia and Slovakia, OJ L 236, 23.9.2003", "Art. 26(1)",
     "Belgium 5 Czech Republic 5 Denmark 3 Germany 10 Estonia 3 Greece 5 "
     "Spain 8 France 10 Ireland 3 Italy 10 Cyprus 2 Latvia 3 Lithuania 3 "
     "Luxembourg 2 Hungary 5 Malta 2 Netherlands 5 Austria 4 Poland 8 "
     "Portugal 5 Slovenia 3 Slovakia 3 Finland 3 Sweden 4 United Kingdom 10"),
    ("nice", "Protocol (No 36) on transitional provisions, annexed to the "
     "Treaties (Lisbon), OJ C 115, 9.5.2008", "Art. 3(3), the weighting in "
     "force from 1 November 2004 (Treaty of Nice, as amended by the Acts of "
     "Accession)",
     "Belgium 12 Bulgaria 10 Czech Republic 12 Denmark 7 Germany 29 "
     "Estonia 4 Ireland 7 Greece 12 Spain 27 France 29 Italy 29 Cyprus 4 "
     "Latvia 4 Lithuania 7 Luxembourg 4 Hungary 12 Malta 3 Netherlands 13 "
     "Austria 10 Poland 27 Portugal 12 Romania 14 Slovenia 4 Slovakia 7 "
     "Finland 7 Sweden 10 United Kingdom 29"),
    ("act2005", "Act concerning the conditions of accession of the Republic "
     "of Bulgaria and Romania, OJ L 157, 21.6.2005", "Art. 22 (amending "
     "Art. 205(2) TEC)", "Bulgaria 10 ... Romania 14"),
    ("act2012", "Act concerning the conditions of accession of the Republic "
     "of Croatia, OJ L 112, 24.4.2012", "Art. 20 (amending Art. 3(3) of "
     "Protocol No 36)", "Croatia 7"),
    ("teu16", "Treaty on European Union (Lisbon), OJ C 115, 9.5.2008",
     "Art. 16(4)",
     "As from 1 November 2014, a qualified majority shall be defined as at "
     "least 55 % of the members of the Council, comprising at least fifteen "
     "of them and representing Member States comprising at least 65 % of "
     "the population of the Union."),
    ("pop2016", "Agence Europe, \"Population figures of 28 updated for "
     "2016\", 9.12.2015 (on Council Decision (EU, Euratom) 2015/2393 "
     "amending Annex III of the Council's Rules of Procedure)",
     "https://agenceurope.eu/en/bulletin/article/11449/28/"
     "population-figures-of-28-updated-for-2016",
     "Germany (15.93%), France (13.04%), the United Kingdom (12.73%), Italy "
     "(12.07%), Spain (9.12%), Poland (7.47%), Romania (3.9%), the "
     "Netherlands (3.37%), Belgium (2.21%), Greece (2.13%), the Czech "
     "Republic (2.05%), Portugal (2.04%), Hungary (1.94%), Sweden (1.92%), "
     "Austria (1.69%), Bulgaria (1.42%), Denmark (1.11%), Finland (1.08%), "
     "Slovakia (1.06%), Ireland (0.91%), Croatia (0.83%), Lithuania "
     "(0.57%), Slovenia (0.41%), Latvia (0.39%), Estonia (0.26%), Cyprus "
     "(0.17%), Luxembourg (0.11%) and Malta (0.08%)"),
    ("unanimity", "Treaty establishing the European Community (Amsterdam "
     "consolidated version)", "Art. 205(3)",
     "Abstentions by members present in person or represented shall not "
     "prevent the adoption by the Council of acts which require unanimity."),
    ("amend", "Treaty establishing the European Community (Amsterdam "
     "consolidated version)", "Art. 250(1) (Art. 293(1) TFEU)",
     "Where, in pursuance of this Treaty, the Council acts on a proposal "
     "from the Commission, unanimity shall be required for an act "
     "constituting an amendment to that proposal"),
    ("codecision", "Treaty on the Functioning of the European Union, OJ C "
     "115, 9.5.2008", "Art. 289(1) (the procedure of Art. 251 TEC)",
     "The ordinary legislative procedure shall consist in the joint "
     "adoption by the European Parliament and the Council of a regulation, "
     "directive or decision on a proposal from the Commission."),
    ("councilcentric", "Thomson, R. & Hosli, M. (2006), \"Who Has Power in "
     "the EU? The Commission, Council and Parliament in Legislative "
     "Decision-making\", JCMS 44(2): 391-417", "abstract",
     "The variant of the bargaining model incorporating the Council-centric "
     "view provides significantly more accurate forecasts."),
]

CITATION = ("Arregui, J. & Perarnaud, C. (2021), \"A new dataset on "
            "legislative decision-making in the European Union: the DEU III "
            "dataset\", Journal of European Public Policy; data "
            "doi:10.34810/data53, licence CC BY 4.0")


def parse_date(text):
    """The `intro` column: DD-MM-YY, DD-MM-YYYY, or (malformed in this copy)
    YYYY-MM-DD standing for DD-MM-YY with the day read as the century."""
    m = re.fullmatch(r"(\d\d)-(\d\d)-(\d\d)", text)
    if m:
        yy = int(m[3])
        return (2000 + yy if yy < 50 else 1900 + yy, int(m[2]), int(m[1]))
    m = re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", text)
    if m:
        return (int(m[3]), int(m[2]), int(m[1]))
    m = re.fullmatch(r"(19|20)(\d\d)-(\d\d)-(\d\d)", text)
    if m:
        return (2000 + int(m[4]), int(m[3]), int(m[2]))
    raise ValueError("unreadable intro date %r" % text)


def iso(date):
    return "%04d-%02d-%02d" % date


def regime_at(date):
    current = REGIMES[0]
    for r in REGIMES:
        if date >= r[0]:
            current = r
    return current


def number(text):
    v = float(text)
    return ("%d" % v) if v == int(v) else ("%g" % v)


def council_weight(regime, actor):
    """An actor's QMV weight under the regime and the source ids behind it.
    A state that joined after the proposal's date but has a recorded
    position takes the weight its Act of Accession gave it, on the same
    scale (docs/deu3.md)."""
    _, _, weights, src, _ = regime
    if actor in weights:
        extra = [NICE_ADDED[actor]] if src == "nice" and actor in NICE_ADDED \
            else []
        return weights[actor], [src] + extra, ""
    if regime[1] == "Amsterdam" and actor in ACCESSION_2003:
        return ACCESSION_2003[actor], ["act2003"], (
            " %s was not yet a member on that date; it takes the vote the "
            "2003 Act of Accession gave it." % NAMES[actor])
    raise ValueError("no Council weight for %s under %s" % (actor, regime[1]))


def treaty_capability(row, actor, date):
    """(capability, sources, explanation) or None if the actor takes no
    part (the Parliament under consultation)."""
    regime = regime_at(date)
    proc, vote = row["proc"], row["counvte"]
    qmv = vote.startswith("QMV")
    largest = max(regime[2].values())
    where = "on %s (%s regime)" % (iso(date), regime[1])
    if (2004, 5, 1) <= date < (2004, 11, 1):
        where += (" (the 2003 Act of Accession's transitional weighting "
                  "applied from 1 May to 31 October 2004, before any "
                  "proposal of that window was decided; the Nice weighting "
                  "in force when they were decided is used)")
    if actor == "ep" and proc != "COD":
        return None
    if actor in ("com", "ep"):
        role = ("co-legislator under co-decision" if actor == "ep" else
                "the proposer, whose proposal the Council can amend only "
                "by unanimity")
        srcs = ["councilcentric", "codecision" if actor == "ep" else "amend"]
        if qmv:
            return (largest, srcs + [regime[3]],
                    "%s, %s: the weight of the largest member state (%s) "
                    "under QMV %s, the Council-centric convention." % (
                        NAMES[actor], role, number(str(largest)), where))
        return (1, srcs + ["unanimity"],
                "%s, %s: weight 1, as one member state under unanimity." % (
                    NAMES[actor], role))
    if not qmv:
        return (1, ["unanimity"],
                "Council votes by unanimity (counvte=%s): every member can "
                "block, so every state weighs 1." % vote)
    w, srcs, note = council_weight(regime, actor)
    return (w, srcs, "Council votes by QMV (counvte=%s) %s: %s's weight is "
            "%s, its %s.%s" % (vote, where, NAMES[actor], number(str(w)),
                               regime[4], note))


def gdp_capability(gdp, actor):
    return (float(gdp[actor]), ["gdp"],
            "Capability %s: the GDP line (line 2) of the redistributed "
            "copy, as given for %s." % (gdp[actor], NAMES[actor]))


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        raw = f.read().split("\n")
    rows = list(csv.reader(raw, delimiter="\t"))
    header, gdp_cells = rows[0], rows[1]
    gdp = {h[1:]: c for h, c in zip(header, gdp_cells) if c != ""}
    data = []
    for lineno, cells in enumerate(rows[2:], start=3):
        if not cells:
            continue
        row = dict(zip(header, cells))
        row["_line"] = lineno
        row["_raw"] = raw[lineno - 1]
        data.append(row)
    return header, gdp, raw[1], raw[0], data


def actors_of(header):
    return [h[1:] for h in header
            if h.startswith("p") and h[1:] in NAMES]


def write_csv(path, header, rows):
    tmp = path + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    os.replace(tmp, path)


def proposals_in_order(data):
    first = {}
    for row in data:
        p = row["prnr"]
        if p not in first:
            first[p] = (parse_date(row["intro"]), int(row["prnrnmc"]), row)
    return sorted(first.items(), key=lambda kv: kv[1][:2])


def issue_rows(data):
    out = []
    for row in data:
        k = int(row["isnr"].rsplit("i", 1)[1])
        n = row["issues"]
        vote = "QMV" if row["counvte"].startswith("QMV") else "unanimity"
        desc = ("DEU III proposal %s (%s, %s, Council formation %s), issue "
                "%d of %s. Procedure %s, Council voting rule %s. The DEU "
                "experts placed each actor's favoured position on this "
                "issue's own 0-100 scale." % (
                    row["prnr"], row["prname"], row["type"], row["council"],
                    k, n, row["proc"], row["counvte"]))
        tags = "proc=%s;vote=%s" % (row["proc"], vote)
        out.append([row["isnr"], "%s: issue %d" % (row["prname"], k), 0, 100,
                    "", desc, "r_" + row["isnr"], tags])
    return out


def position_rows(data, actors, gdp, variant):
    out = []
    for row in data:
        date = parse_date(row["intro"])
        for a in actors:
            pos = row["p" + a]
            if pos == "":
                continue
            sal = row["s" + a]
            sal_note = ("salience s%s=%s" % (a, sal) if sal != "" else
                        "no salience recorded (s%s is empty), so 50, the "
                        "middle of the salience scale, is imputed" % a)
            if variant == "gdp":
                cap = gdp_capability(gdp, a)
            else:
                cap = treaty_capability(row, a, date)
            if cap is None:
                continue
            value, srcs, why = cap
            rationale = ("DEU III row %d (issue %s): position p%s=%s, %s. %s"
                         % (row["_line"], row["isnr"], a, pos, sal_note, why))
            out.append([row["prnr"], a, row["isnr"], number(pos),
                        number(sal) if sal != "" else "50",
                        number(str(value)), 0,
                        ";".join(["r_" + row["isnr"]] + srcs), rationale])
    return out


def outcome_rows(data):
    out = []
    for row in data:
        if row["out"] == "":
            continue
        out.append([row["prnr"], row["isnr"], number(row["out"]),
                    "Decision outcome on %s (%s)." % (row["isnr"],
                                                      row["prname"]),
                    "r_" + row["isnr"], "documented",
                    "DEU III row %d: the decision outcome out=%s." % (
                        row["_line"], row["out"])])
    return out


def status_quo_rows(data):
    """The reference point rp, where DEU III records one."""
    out = []
    for row in data:
        if row["rp"] == "":
            continue
        out.append([row["prnr"], row["isnr"], number(row["rp"]),
                    "r_" + row["isnr"],
                    "DEU III row %d: the reference point rp=%s, what happens "
                    "without a decision." % (row["_line"], row["rp"])])
    return out


def source_rows(data, gdp_line, header_line):
    out = [[s[0], s[1], s[2], s[3]] for s in SOURCES]
    out.append(["header", "deu3.csv", "line 1 (the column names)",
                header_line])
    out.append(["gdp", "deu3.csv", "line 2 (added by the redistributor; not "
                "part of DEU III)", gdp_line])
    for row in data:
        out.append(["r_" + row["isnr"], "deu3.csv", "line %d" % row["_line"],
                    row["_raw"]])
    return out


def manifest(name, periods, variant):
    what = ("capability from the GDP line of the redistributed copy"
            if variant == "gdp" else
            "capability from the treaties: Council votes under the treaty "
            "in force on the proposal's date and its voting rule; the "
            "Commission's and Parliament's role by procedure")
    lines = [
        "; Generated by tools/deu3.py from documents/deu3.csv; do not edit.",
        "; Data: " + CITATION + ".",
        "[scenario]",
        "name = " + name,
        "title = DEU III: EU legislative decisions 1996-2019 (%s)" % (
            "GDP capabilities" if variant == "gdp" else "treaty capabilities"),
        "description = Every controversial issue of the DEU III data set "
        "with a recorded position: one period per legislative proposal, one "
        "issue per DEU issue, %s. Data: %s. See docs/deu3.md." % (what,
                                                                   CITATION),
        "periods = " + ";".join(periods),
        "default_period = " + periods[-1],
        "",
        "[model]",
        "models = mean;median;eu;smp",
        "",
    ]
    return "\n".join(lines)


def write_scenario(outdir, name, variant, header, gdp, gdp_line,
                   header_line, data, periods):
    d = os.path.join(outdir, name)
    os.makedirs(os.path.join(d, "documents"), exist_ok=True)
    actors = actors_of(header)
    with open(os.path.join(d, "scenario.ini.tmp"), "w", encoding="utf-8") as f:
        f.write(manifest(name, periods, variant))
    os.replace(os.path.join(d, "scenario.ini.tmp"),
               os.path.join(d, "scenario.ini"))
    write_csv(os.path.join(d, "issues.csv"),
              ["id", "name", "min", "max", "anchors", "description",
               "sources", "tags"], issue_rows(data))
    write_csv(os.path.join(d, "actors.csv"),
              ["id", "name", "group", "description", "sources"],
              [[a, NAMES[a], "EU institution" if a in ("com", "ep") else
                "Member state", "%s (DEU III actor code %s)" % (NAMES[a], a),
                "header"] for a in actors])
    write_csv(os.path.join(d, "positions.csv"),
              ["period", "actor", "issue", "position", "salience",
               "capability", "uncertainty", "sources", "rationale"],
              position_rows(data, actors, gdp, variant))
    write_csv(os.path.join(d, "outcomes.csv"),
              ["period", "issue", "observed", "description", "sources",
               "basis", "rationale"], outcome_rows(data))
    write_csv(os.path.join(d, "status_quo.csv"),
              ["period", "issue", "value", "sources", "rationale"],
              status_quo_rows(data))
    write_csv(os.path.join(d, "sources.csv"),
              ["id", "document", "locator", "quote"],
              source_rows(data, gdp_line, header_line))


def main(argv):
    data_path = argv[1] if len(argv) > 1 else \
        os.path.join("scenarios", "deu3", "documents", "deu3.csv")
    outdir = argv[2] if len(argv) > 2 else "scenarios"
    header, gdp, gdp_line, header_line, data = read(data_path)
    periods = [p for p, _ in proposals_in_order(data)]
    order = {p: i for i, p in enumerate(periods)}
    data.sort(key=lambda r: (order[r["prnr"]], r["_line"]))
    write_scenario(outdir, "deu3", "treaty", header, gdp, gdp_line,
                   header_line, data, periods)
    write_scenario(outdir, "deu3-gdp", "gdp", header, gdp, gdp_line,
                   header_line, data, periods)
    if os.path.abspath(os.path.dirname(data_path)) != os.path.abspath(
            os.path.join(outdir, "deu3-gdp", "documents")):
        with open(data_path, "rb") as src, open(
                os.path.join(outdir, "deu3-gdp", "documents", "deu3.csv"),
                "wb") as dst:
            dst.write(src.read())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
