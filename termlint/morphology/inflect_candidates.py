"""Candidate word forms for the generate-and-test inflector: string rules only, no analyser.

Nothing here has to be right. These functions propose *more* spellings than Finnish allows (all
plausible stem shapes, both directions of consonant gradation, every ending a case can take) and
:mod:`termlint.morphology.inflect` keeps only what Voikko reads back as the wanted form. That split
is deliberate: a hand-written generator that must be exact would need the whole Kotus class
system, while a generous one plus a verifier is small, and can never emit a wrong form. The
order of the proposals matters, though: it is the ranking of the forms that survive, so regular
and common shapes come before rare and archaic ones.

Endings are written with capital ``A``/``O``/``U`` where vowel harmony decides; :func:`harmonize`
turns them into back (``a o u``) or front (``ä ö y``) vowels.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

VOWELS = frozenset("aeiouyäöå")
BACK_VOWELS = frozenset("aou")
FRONT_VOWELS = frozenset("äöy")

#: Consonant gradation as (strong, weak) pairs, the cluster *ending* that alternates. Both
#: directions are tried because a lemma may be weak (``asiakas`` → ``asiakkaan``) or strong
#: (``vastaanotto`` → ``vastaanoton``).
GRADATION: tuple[tuple[str, str], ...] = (
    ("kk", "k"),
    ("pp", "p"),
    ("tt", "t"),
    ("nk", "ng"),
    ("mp", "mm"),
    ("lt", "ll"),
    ("nt", "nn"),
    ("rt", "rr"),
    ("ht", "hd"),
    ("lk", "lj"),
    ("rk", "rj"),
    ("lp", "lv"),
    ("rp", "rv"),
    ("t", "d"),
    ("p", "v"),
    ("k", "v"),
    ("k", "j"),
    ("k", ""),
)

#: What may follow a shortened lemma to make a vowel stem, most common first: nothing
#: (``palvelu``), a vowel (``lapsi`` → ``lapse``), ``-nen`` → ``-se``, ``-s`` → ``-kse``/``-de``,
#: ``-in`` → ``-me``, ``-ton`` → ``-ma``, ``-si`` → ``-de``/``-te``/``-ne``/``-re``,
#: ``mies`` → ``miehe``.
VOWEL_STEM_LINKS: tuple[str, ...] = (
    "",
    "e",
    "se",
    "kse",
    "ee",
    "a",
    "ä",
    "i",
    "aa",
    "ää",
    "ii",
    "oo",
    "öö",
    "uu",
    "yy",
    "de",
    "te",
    "me",
    "ma",
    "mä",
    "ne",
    "nne",
    "nte",
    "re",
    "le",
    "he",
    "o",
    "ö",
    "u",
    "y",
)

#: Plural stem markers appended to a (shortened) singular stem: ``palvelu`` → ``palvelui``,
#: ``kanava`` → ``kanavi``, ``kirja`` → ``kirjoi``, ``laki`` → ``lakei``, ``tie`` → ``tei``.
PLURAL_LINKS: tuple[str, ...] = ("i", "", "ei", "oi", "öi")

#: Endings by (case, number) that attach to the weak singular stem (``palvelu-``, ``vastaanoto-``).
WEAK_SINGULAR: dict[str, tuple[str, ...]] = {
    "omanto": ("n",),
    "tulento": ("ksi",),
    "sisaolento": ("ssA",),
    "sisaeronto": ("stA",),
    "ulkoolento": ("llA",),
    "ulkoeronto": ("ltA",),
    "ulkotulento": ("lle",),
    "vajanto": ("ttA",),
    "kerrontosti": ("sti",),
}

#: Endings by case that attach to the weak plural stem (``palvelui-``, ``vastaanotoi-``).
WEAK_PLURAL: dict[str, tuple[str, ...]] = {
    "tulento": ("ksi",),
    "sisaolento": ("ssA",),
    "sisaeronto": ("stA",),
    "ulkoolento": ("llA",),
    "ulkoeronto": ("ltA",),
    "ulkotulento": ("lle",),
    "vajanto": ("ttA",),
    "keinonto": ("n",),
}

POSSESSIVE_SUFFIXES: dict[str, tuple[str, ...]] = {
    "1s": ("ni",),
    "2s": ("si",),
    "1p": ("mme",),
    "2p": ("nne",),
    # The third person: a lengthened vowel + n after a vowel-final case ending (the common
    # spoken and written form, ``palvelussaan``), else -nsA (``palvelunsa``).
    "3": ("Vn", "nsA"),
}

#: Surface forms of the clitics the analyser reports (``kin``, ``kaan``, ``ko``, and the
#: untagged ``han``, ``pa``, ``s`` that the analyser wrapper recognises by stripping).
CLITICS: dict[str, str] = {
    "kin": "kin",
    "kaan": "kAAn",
    "ko": "kO",
    "han": "hAn",
    "pa": "pA",
    "s": "s",
}


def harmonize(ending: str, back: bool) -> str:
    """Resolve the harmony placeholders ``A O U`` of ``ending`` for a back or front word."""
    if back:
        return ending.replace("A", "a").replace("O", "o").replace("U", "u")
    return ending.replace("A", "ä").replace("O", "ö").replace("U", "y")


def head_is_back(word: str) -> bool:
    """Harmony guessed from spelling: back if the last vowel that decides is back.

    Only a fallback for when the analyser cannot tell (:mod:`inflect` asks Voikko first):
    neutral-only words (``tili``) are front, and a compound's harmony follows its last part,
    which the last deciding vowel approximates.
    """
    for ch in reversed(word.lower()):
        if ch in BACK_VOWELS:
            return True
        if ch in FRONT_VOWELS:
            return False
    return False


def _dedupe(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def _consonant_runs(stem: str) -> Iterator[tuple[int, int]]:
    """Spans of the consonant runs where gradation can act, last first.

    The run before the final vowel(s) is the classic place (``vastaanoTTo``); a run at the very
    end counts too, because a vowel will be appended there (``asiaka|s`` shortened to
    ``asiaka`` still needs its ``k`` strengthened, ``järk`` + ``e`` its ``rk`` weakened).
    """
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(stem)
    while i < n:
        if stem[i].lower() not in VOWELS and stem[i].isalpha():
            j = i
            while j < n and stem[j].lower() not in VOWELS and stem[j].isalpha():
                j += 1
            if i > 0 and stem[i - 1].lower() in VOWELS:
                runs.append((i, j))
            i = j
        else:
            i += 1
    return iter(reversed(runs[-2:]))


def grade(stem: str) -> list[str]:
    """``stem`` with its last gradating consonant run in both grades (identity first)."""
    out = [stem]
    for start, end in _consonant_runs(stem):
        run = stem[start:end].lower()
        for strong, weak in GRADATION:
            if run.endswith(strong):
                out.append(stem[: end - len(strong)] + weak + stem[end:])
            if weak and run.endswith(weak):
                out.append(stem[: end - len(weak)] + strong + stem[end:])
    # aika → ajan, poika → pojan: after a diphthong in -i the weak grade of k is j, eating the i.
    lower_stem = stem.lower()
    for start, end in _consonant_runs(stem):
        if lower_stem[start:end] == "k" and start >= 2 and lower_stem[start - 1] == "i" \
                and lower_stem[start - 2] in VOWELS:
            out.append(stem[: start - 1] + "j" + stem[end:])
    # k between two vowels that the weak grade dropped: koe → kokeen, rae → rakeen.
    lower = stem.lower()
    if len(lower) >= 2 and lower[-1] in VOWELS and lower[-2] in VOWELS and lower[-1] != lower[-2]:
        out.append(stem[:-1] + "k" + stem[-1:])
    return _dedupe(out)


def vowel_stems(lemma: str) -> list[str]:
    """Guesses of the vowel stems (``palvelu``, ``digitaalise``, ``asiakkaa``, ``vede``…).

    The shortest change comes first, so that when the analyser accepts several (archaic or
    homonym stems such as ``laki`` → ``lai-``/``lae-``) the regular one ranks first.
    """
    out: list[str] = []
    for cut in range(0, min(4, len(lemma))):
        base = lemma[: len(lemma) - cut] if cut else lemma
        for link in VOWEL_STEM_LINKS:
            for graded in grade(base):
                stem = graded + link
                if stem and stem[-1].lower() in VOWELS:
                    out.append(stem)
    return _dedupe(out)


def consonant_stems(lemma: str) -> list[str]:
    """Guesses of the consonant stem that takes ``-tA``/``-ten`` (``digitaalis``, ``vet``)."""
    out: list[str] = [lemma]
    for cut in range(1, min(4, len(lemma))):
        base = lemma[:-cut]
        for link in ("s", "t", ""):
            out.append(base + link)
    return _dedupe(out)


def _plural_of(stem: str) -> list[str]:
    """Plural stems of one singular vowel stem by the regular rules, in the order they are
    usual: ``laki`` → ``lakei``, ``lapse`` → ``lapsi``, ``kanava`` → ``kanavi``/``kanavoi``,
    ``asiakkaa`` → ``asiakkai``, ``palvelu`` → ``palvelui``, ``tie`` → ``tei``, ``suo`` → ``soi``.
    """
    lower = stem.lower()
    if lower.endswith(("us", "ys")):
        # terveys → terveyksiä, sairaus → sairauksissa: the plural takes -ksi-.
        return [stem[:-1] + "ksi"]
    if not lower or lower[-1] not in VOWELS:
        return []
    last = lower[-1]
    long_vowel = len(lower) > 1 and lower[-2] == last
    if long_vowel:
        return [stem[:-1] + "i"]
    if last == "i":
        return [stem[:-1] + "ei", stem]
    if last == "e":
        out = [stem[:-1] + "i"]
        if lower.endswith("ie"):
            out.append(stem[:-2] + "ei")
        return out
    if last in "aä":
        return [stem[:-1] + "i", stem[:-1] + "oi", stem + "i"]
    if lower.endswith(("uo", "yö")):
        return [stem[:-2] + lower[-1] + "i", stem + "i"]
    return [stem + "i"]


def plural_stems(stems: Iterable[str]) -> list[str]:
    """Guesses of the plural stem (``palvelui``, ``kanavi``, ``kirjoi``, ``tei``) from singular
    vowel stems: the regular rules first, then every shortening with every plural marker."""
    stems = list(stems)
    out: list[str] = []
    for stem in stems:
        out.extend(_plural_of(stem))
    for stem in stems:
        for cut in range(0, 3):
            base = stem[: len(stem) - cut] if cut else stem
            for link in PLURAL_LINKS:
                candidate = base + link
                if candidate and candidate[-1].lower() == "i":
                    out.append(candidate)
    return _dedupe(out)


def illative_singular(strong_stems: Iterable[str]) -> list[str]:
    """``palveluun``, ``maahan``, ``tiehen``, ``asiakkaaseen``, ``veteen`` from strong stems."""
    out: list[str] = []
    for stem in strong_stems:
        last = stem[-1:]
        out.append(stem + last + "n")
        out.append(stem + "h" + last + "n")
        out.append(stem + "seen")
    return _dedupe(out)


def partitive_singular(strong_stems: Iterable[str], lemma: str, back: bool) -> list[str]:
    """``palvelua``, ``kanavaa``, ``digitaalista``, ``huonetta``, ``vettä``, ``maata``."""
    a = harmonize("A", back)
    stems = list(strong_stems)
    vowel = [stem + a for stem in stems]
    consonant = [stem + "t" + a for stem in consonant_stems(lemma)] + [lemma + "tt" + a]
    vowel_t = [stem + "t" + a for stem in stems]
    lower = lemma.lower()
    if lower[-1:] not in VOWELS:
        # A consonant-final lemma takes -tA on its consonant stem (lämmin → lämmintä rather
        # than the archaic lämpimää, asiakas → asiakasta).
        return _dedupe(consonant + vowel + vowel_t)
    if len(lower) > 2 and lower[-1] in "oö" and lower[-2] in "ie":
        # valtio, video, radio take -tA (videota) more often than -A.
        return _dedupe(vowel_t + vowel + consonant)
    return _dedupe(vowel + consonant + vowel_t)


def genitive_plural(plural: Iterable[str], strong: Iterable[str], lemma: str) -> list[str]:
    """Genitive plural variants, most usual shape first for the word type.

    ``palvelujen``/``palveluiden``/``palveluitten``, ``kanavien``, ``digitaalisten``/
    ``digitaalisien``, ``asiakkaiden``/``asiakasten``; the archaic ``-in`` (``kanavain``),
    which the dictionary still accepts, comes last.
    """
    plural = list(plural)
    consonant = [stem + "ten" for stem in consonant_stems(lemma)]
    lower = lemma.lower()
    # -nen adjectives and nouns, -s nouns (lääkemääräys), and -i nouns with a consonant
    # stem (lapsi → lasten) usually take -ten; other types the vowel-stem endings.
    consonant_first = lower.endswith(("nen", "ys", "us", "os", "ös", "es", "psi"))
    out: list[str] = []
    if consonant_first:
        out.extend(consonant)
    for stem in plural:
        if len(stem) > 1 and stem[-2].lower() in VOWELS:
            out.append(stem[:-1] + "jen")
    for stem in plural:
        out.append(stem + "den")
        out.append(stem + "en")
    # i-stems keep their singular stem before -en: tili → tilien, asiointi → asiointien.
    out.extend(stem + "en" for stem in strong if stem[-1:].lower() == "i")
    out.extend(consonant)
    for stem in plural:
        out.append(stem + "tten")
    for stem in strong:
        out.append(stem + "in")
    return _dedupe(out)


def partitive_plural(plural: Iterable[str], back: bool) -> list[str]:
    """``palveluja``/``palveluita``, ``kanavia``, ``asiakkaita``, ``lääkemääräyksiä``."""
    a = harmonize("A", back)
    plural = list(plural)
    out: list[str] = []
    for stem in plural:
        if len(stem) > 1 and stem[-2].lower() in VOWELS:
            out.append(stem[:-1] + "j" + a)
    for stem in plural:
        out.append(stem + a)
        out.append(stem + "t" + a)
    return _dedupe(out)


def illative_plural(plural: Iterable[str]) -> list[str]:
    """``palveluihin``, ``kanaviin``, ``asiakkaisiin``, ``huoneisiin``."""
    out: list[str] = []
    for stem in plural:
        out.append(stem + "hin")
        out.append(stem + "in")
        out.append(stem + "siin")
    return _dedupe(out)


def with_possessive(
    form: str, case: str, number: str | None, possessive: str, strong_stems: Iterable[str],
    back: bool,
) -> list[str]:
    """A case form with a possessive suffix: ``palvelussa`` → ``palvelussamme``.

    The suffix replaces a final ``-n`` (genitive, illative) or ``-t`` (nominative plural),
    turns ``-ksi`` into ``-kse-``, and in the nominative and genitive singular attaches to the
    strong stem (``vastaanotto`` → ``vastaanottomme``).
    """
    bases: list[str] = []
    lower = form.lower()
    if case in ("nimento", "omanto") and number == "singular":
        bases.extend(strong_stems)
    if lower.endswith("ksi"):
        bases.append(form[:-1] + "e")
    elif lower.endswith(("n", "t")):
        bases.append(form[:-1])
    bases.append(form)
    out: list[str] = []
    for base in _dedupe(bases):
        for suffix in POSSESSIVE_SUFFIXES[possessive]:
            if suffix == "Vn":
                # Lengthen a short final vowel: palvelussa → palvelussaan, kanavia → kanaviaan.
                last = base[-1:].lower()
                if last in VOWELS and len(base) > 1 and base[-2].lower() != last:
                    out.append(base + base[-1] + "n")
                continue
            out.append(base + harmonize(suffix, back))
    return _dedupe(out)


def with_clitic(form: str, clitic: str, back: bool) -> str:
    """``form`` with a clitic in the word's harmony (``palvelussakin``, ``kädessäkään``)."""
    return form + harmonize(CLITICS[clitic], back)
