"""Paradigms of a vocabulary's Swedish words, proposed by rule and read back by Apertium.

Each word is analysed (compounds too: *välfärdsområde* is *välfärd* + *område*); a noun in the
indefinite singular gets the eight forms of its last part, an adjective its agreeing forms. A
word Apertium does not know (*specialsjukvård*) is read by its longest known ending
(*sjukvård*). Each form is chosen among candidates (stem + regular ending) as the one whose
analysis has the lemma and every feature asked for: what :class:`SwedishLexicon` holds is verified.
"""

from __future__ import annotations

from termlint.morphology import apertium
from termlint.morphology.apertium import Reading
from termlint.morphology.swedish_lexicon import (
    ADJECTIVE_KEYS,
    DETERMINER_KEYS,
    NOUN_KEYS,
    Noun,
    SwedishLexicon,
    with_simplemma,
)

_GENDERS = ("ut", "nt", "un", "fn", "mf")


def build(words: list[str]) -> SwedishLexicon:
    """The lexicon of ``words``: with Apertium when installed, else simplemma's lemmas."""
    return with_apertium(words) if apertium.available() else with_simplemma(words)


def _noun_tags(key: str, gender: str) -> tuple[str, ...]:
    number, definite, *genitive = key.split(".")
    return ("n", gender, number, definite, *genitive)


def _adjective_requests(base: tuple[str, ...], key: str) -> list[tuple[str, ...]]:
    """Tag sequences to try for an adjective form, in order: Apertium tags participles and
    plain adjectives a little differently (*specialiserade* is ``<pp><pl><ind>``, *digitala*
    ``<un><pl><ind>``)."""
    stem = tuple(t for t in base if t not in _GENDERS and t not in ("sg", "pl", "ind", "def"))
    if key == "ut.sg.ind":
        return [(*stem, "ut", "sg", "ind")]
    if key == "nt.sg.ind":
        return [(*stem, "nt", "sg", "ind")]
    if key == "pl":
        return [(*stem, "un", "pl", "ind"), (*stem, "pl", "ind")]
    return [(*stem, "un", "sg", "def"), (*stem, "fn", "sg", "def"), (*stem, "un", "pl", "def")]


def _base_reading(readings: list[Reading]) -> Reading | None:
    """The noun (indefinite singular) or adjective (positive, common gender) reading."""
    for reading in readings:
        if reading.tags[:1] == ("n",) and "sg" in reading.tags and "ind" in reading.tags \
                and "gen" not in reading.tags and reading.tags[1] in ("ut", "nt"):
            return reading
    for reading in readings:
        if reading.tags[:1] == ("adj",) and "ut" in reading.tags and "sg" in reading.tags \
                and "ind" in reading.tags and "comp" not in reading.tags \
                and "sup" not in reading.tags:
            return reading
    return None


def with_apertium(words: list[str]) -> SwedishLexicon:
    """The verified lexicon of ``words`` (lower-case base forms of the vocabulary's words)."""
    lasts = {w: w.replace("\u2010", "-").rpartition("-")[2] or w for w in words}
    analysed = apertium.analyse(sorted(set(lasts.values())))
    # Unknown words: try every ending of three letters or more, longest first.
    unknown = [w for w in set(lasts.values()) if _base_reading(analysed.get(w, [])) is None]
    endings = sorted({w[i:] for w in unknown for i in range(1, len(w) - 2)})
    analysed_endings = apertium.analyse(endings)

    plans: dict[str, tuple[str, str, Reading]] = {}  # word → (prefix, ending, reading)
    for word, last in lasts.items():
        reading = _base_reading(analysed.get(last, []))
        ending = last
        if reading is None:
            for i in range(1, len(last) - 2):
                reading = _base_reading(analysed_endings.get(last[i:], []))
                if reading is not None:
                    ending = last[i:]
                    break
        if reading is None:
            continue
        # The written form of the last part: the surface the lemma's base form ends the word with.
        head = reading.lemma if reading.tags[0] == "n" else ending
        if not ending.endswith(head):
            continue
        plans[word] = (word[: len(word) - len(head)], head, reading)

    requests: list[str] = []
    wanted: list[tuple[str, str, tuple[str, ...]]] = []  # (word, key, tags)
    for word, (_, _head, reading) in plans.items():
        if reading.tags[0] == "n":
            for key in NOUN_KEYS:
                tags = _noun_tags(key, reading.tags[1])
                wanted.append((word, key, tags))
                requests.append(reading.lemma + "".join(f"<{t}>" for t in tags))
        else:
            for key in ADJECTIVE_KEYS:
                for tags in _adjective_requests(reading.tags[1:], key):
                    wanted.append((word, "adj:" + key, ("adj", *tags)))
                    requests.append(reading.lemma + "".join(f"<{t}>" for t in ("adj", *tags)))
    for det_key, request in DETERMINER_KEYS.items():
        wanted.append(("", "det:" + det_key, tuple(request.split("<")[1:])))
        requests.append(request)
    generated, checks = _generate_by_analysis(requests)

    lexicon = SwedishLexicon(verified=True)
    for (word, key, tags), form in zip(wanted, generated, strict=True):
        if form is None:
            continue
        tags = tuple(t.rstrip(">") for t in tags)
        readings = checks.get(form, [])
        if not any(_same(r, tags) for r in readings):
            continue
        if not key.startswith("det:") and _other_noun(readings, plans[word][2].lemma):
            continue
        if key.startswith("det:"):
            lexicon.determiners.setdefault(key[4:], form)
            continue
        prefix, _, reading = plans[word]
        if key.startswith("adj:"):
            lexicon.adjectives.setdefault(word, {}).setdefault(key[4:], prefix + form)
        else:
            noun = lexicon.nouns.setdefault(word, Noun(reading.tags[1], {}))
            noun.forms.setdefault(key, prefix + form)
    # A noun whose base form did not come back is not a paradigm to inflect with.
    for word in [w for w, n in lexicon.nouns.items() if "sg.ind" not in n.forms]:
        del lexicon.nouns[word]
    return lexicon


#: Endings tried after a noun's stem: every ending of the eight forms of the regular
#: declensions (*tjänst-er-na*, *område-n-a*, *hälsa-n*, *vård-ar-s*).
#: Where the analyser accepts two plurals (*vårdar*, *vårder*), the first in this order is
#: kept: *-ar* before *-er*, as Apertium's generator chooses.
_NOUN_ENDINGS = ("", "s", "n", "ns", "en", "ens", "et", "ets", "t", "ts", "r", "rs", "rna",
                 "rnas", "ar", "ars", "arna", "arnas", "er", "ers", "erna", "ernas", "or",
                 "ors", "orna", "ornas", "na", "nas", "a", "as", "e", "es")
#: A participle's lemma is its verb's (*specialisera*): hence *-d*, *-de*.
_ADJECTIVE_ENDINGS = ("", "t", "tt", "a", "e", "d", "de")
#: What a determiner request can come back as (*den*, *det*, *de*).
_DETERMINERS = ("den", "det", "de", "dem", "denna", "detta", "dessa")


def _candidates(lemma: str, adjective: bool) -> list[str]:
    """Forms a lemma may take: its stems (the lemma, without a final vowel, without the *e* of
    *-el*/*-er*/*-en*, without the *d* of a participle) and the regular endings, in order."""
    stems = [lemma]
    if lemma[-1:] in ("a", "e", "o"):
        stems.append(lemma[:-1])
    if len(lemma) > 3 and lemma[-2] == "e" and lemma[-1] in "lrn":
        stems.append(lemma[:-2] + lemma[-1])
    if adjective and lemma.endswith("d"):
        stems.append(lemma[:-1])
    endings = _ADJECTIVE_ENDINGS if adjective else _NOUN_ENDINGS
    return list(dict.fromkeys(stem + ending for stem in stems for ending in endings))


def _generate_by_analysis(requests: list[str]) -> tuple[list[str | None],
                                                       dict[str, list[Reading]]]:
    """The form of each ``lemma<tag>…`` request and the readings of every form, from the
    analyser alone: candidate forms are proposed by string rules and the one whose reading has
    the lemma and every tag asked for is kept. Apertium's generator would answer directly, but
    loading it takes 70 MB, against 41 MB for the analyser (and 36 MB for termlint itself): the
    first Swedish run on a machine peaked at the generator (issue 16)."""
    asked: list[tuple[str, tuple[str, ...], list[str]]] = []
    for request in requests:
        lemma, _, rest = request.partition("<")
        tags = tuple(t.rstrip(">") for t in rest.split("<")) if rest else ()
        if tags[:1] == ("det",):
            forms = list(_DETERMINERS)
        else:
            forms = _candidates(lemma, tags[:1] == ("adj",))
        asked.append((lemma, tags, forms))
    readings = apertium.analyse(sorted({f for _, _, forms in asked for f in forms}))
    found: list[str | None] = []
    for lemma, tags, forms in asked:
        found.append(next((f for f in forms if any(r.lemma == lemma and _same(r, tags)
                                                   for r in readings.get(f, []))), None))
    return found, {f: readings.get(f, []) for f in found if f}


def _same(reading: Reading, tags: tuple[str, ...]) -> bool:
    """Whether ``reading`` has every tag asked for (Apertium adds some, like ``compound-R``)."""
    have = reading.tags
    return not reading.compound and all(t in have for t in tags) and \
        ("gen" in have) == ("gen" in tags)


def _other_noun(readings: list[Reading], lemma: str) -> bool:
    """Whether a form is also another noun's (*hälsovårdarna*: *hälsovård* in the plural, but
    also *hälsovårdare*): such a form would read a trap as the term, so it is left out."""
    return any(r.tags[:1] == ("n",) and r.lemma != lemma and not lemma.endswith(r.lemma)
               for r in readings)
