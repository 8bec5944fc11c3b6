"""Privacy on the way out: keyed pseudonyms for persons, applied in one place.

People in a case are research participants. Unless ``case.yaml`` opts in
with ``show_names: true``, :func:`display_case` returns a copy of the case in
which every person (``actors.kind == "person"``) has a pseudonym such as
``P-3fa9c2`` instead of a name, and the same pseudonym instead of their
``actor_id`` in every table (actors, relations source/target, participation,
decisions.initiated_by) and in the free-text columns (relations.note,
events.title, decisions.topic, actors.role). The free texts that describe one
person (a person's ``role``, the ``note`` of a relation to or from a person)
are withheld altogether: a unique public role ties a pseudonym to one person.
In a published case the same holds for the evidence (issue 16): a source
without consent keeps neither the role of the person heard nor the excerpts
and memos of its codings (:func:`without_unconsented_quotes`).
Organisations and groups keep their names and roles. Reports, charts and
exports are drawn from that copy.

Pseudonyms are HMAC-SHA256 of the actor id keyed by a per-project secret —
never a plain hash, which anyone could recompute from a list of likely names
or ids. The secret is ``COMMONS_ANALYSIS_SECRET`` when set, else the content
of ``.commons-analysis-secret`` at the project root, created on first use with
mode 0600 (git-ignored). The same secret gives the same pseudonyms, so reports
stay comparable from one run to the next; a new secret gives new pseudonyms.

Small-cell suppression of group counts lives in :mod:`commons_analysis.analysis.inclusion`.

Example
-------
>>> pseudonym("marie-dupont", b"project secret")
'P-8c68e6'
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import os
import re
import secrets
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from commons_analysis.model.case import Case
from commons_analysis.model.metadata import Bilingual, CaseMeta, Text

SECRET_FILE = ".commons-analysis-secret"
SECRET_ENV = "COMMONS_ANALYSIS_SECRET"
PREFIX = "P-"
#: Hex digits of a pseudonym; more only where two persons of a case would share one.
LENGTH = 6
#: Free-text columns scanned for persons' names and ids.
TEXT_COLUMNS = {
    "actors": ("role",),
    "relations": ("note",),
    "events": ("title",),
    "decisions": ("topic",),
    # evidence (issue 16): what a source says and what its coders noted may name a person
    "sources": ("title", "role"),
    "codings": ("excerpt", "memo"),
}
#: Free-text columns that describe a person: a person's role, a relation's note where one end is a
#: person (withheld beside a pseudonym, shown only with ``show_names``); the role of the person
#: heard in a source, and the excerpts and memos of its codings (withheld, in exports, where the
#: source gave no consent: counted, never quoted).
PERSON_TEXT_COLUMNS = {
    "actors": ("role",),
    "relations": ("note",),
    "sources": ("role",),
    "codings": ("excerpt", "memo"),
}
#: Identifier columns that refer to actors.
ACTOR_COLUMNS = {
    "actors": ("actor_id",),
    "relations": ("source", "target"),
    "participation": ("actor_id",),
    "decisions": ("initiated_by",),
}
#: The most frequent short words of French and English. A person's id that is one of them ("des",
#: "the", "par"…) is not looked for in free texts: replacing it would mangle every sentence, and
#: such a word in a text names nobody. Names, and every other id, are still replaced.
_FUNCTION_WORDS_TEXT = """
    a à about after all also an and any are as at au aux be been but by can ce ces cet cette
    comme dans de des du elle en est et for from had has have he her his how il in into is it
    its je la le les leur lui mais me mes mon more ne no nos not nous of on or ou où our out
    par pas plus pour qu que qui sa sans se ses she so son sont sur than that the their them
    then there these they this to un une up us was we were what when which who will with
    would you your été être avec
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())
#: Columns that hold several actor ids (a tuple per row).
ACTOR_LIST_COLUMNS = {"decisions": ("supported_by",)}
_WORD = re.compile(r"\w+")


def find_project_root(start: str | os.PathLike[str] | None = None) -> Path:
    """The nearest folder from ``start`` (default: the current folder) up with pyproject.toml or data/cases/.

    Outside any project (a case folder somewhere on its own), the secret lives
    in the user's configuration folder (``$XDG_CONFIG_HOME/commons-analysis``,
    default ``~/.config/commons-analysis``), so that it is never dropped into
    whatever folder happens to be current, and pseudonyms stay stable.
    """
    here = Path(start).resolve() if start is not None else Path.cwd().resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() or (folder / "data" / "cases").is_dir():
            return folder
    return user_config_folder()


def user_config_folder() -> Path:
    """The user's configuration folder for commons-analysis (created if needed, mode 0700)."""
    base = os.environ.get("XDG_CONFIG_HOME", "").strip() or str(Path.home() / ".config")
    folder = Path(base) / "commons-analysis"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def project_secret(root: str | os.PathLike[str] | None = None) -> bytes:
    """The key of the pseudonyms: ``$COMMONS_ANALYSIS_SECRET``, else the project's secret file.

    The file ``.commons-analysis-secret`` in ``root`` (default:
    :func:`find_project_root`) is created on first use with 32 random bytes in
    hex and mode 0600; it is git-ignored and must stay out of any publication.
    """
    from_env = os.environ.get(SECRET_ENV, "")
    if from_env.strip():
        return from_env.strip().encode("utf-8")
    folder = Path(root) if root is not None else find_project_root()
    path = folder / SECRET_FILE
    if not path.exists():
        _create_secret(path)
    value = path.read_text(encoding="utf-8").strip()
    if not value:
        raise ValueError(f"{path}: the secret file is empty; delete it to have a new one made")
    return value.encode("utf-8")


def _create_secret(path: Path) -> None:
    """Write a new secret atomically (never a half-written file) unless another process just did."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret-")
    try:
        os.chmod(temporary, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(secrets.token_hex(32) + "\n")
        with contextlib.suppress(FileExistsError):  # another process made it first: keep theirs
            os.link(temporary, path)  # atomic: nobody reads a half-written secret
    finally:
        os.unlink(temporary)


def pseudonym(value: str, secret: bytes, length: int = LENGTH) -> str:
    """``P-`` followed by the first ``length`` hex digits of HMAC-SHA256(secret, value).

    >>> pseudonym("p1", b"k") == pseudonym("p1", b"k") != pseudonym("p1", b"other key")
    True
    """
    digest = hmac.new(secret, str(value).encode("utf-8"), hashlib.sha256).hexdigest()
    return PREFIX + digest[:length]


def pseudonymize(values: Iterable[str], secret: bytes, taken: Iterable[str] = ()) -> dict[str, str]:
    """Map each distinct value to its pseudonym, all distinct and none in ``taken``.

    Values whose 6-digit pseudonyms collide (about one pair in 3,000 persons)
    get 2 more digits until they differ; the others keep their usual pseudonym.

    >>> mapping = pseudonymize(["p1", "p2", "p1"], b"k")
    >>> sorted(mapping) == ["p1", "p2"] and len(set(mapping.values())) == 2
    True
    """
    digests = {v: hmac.new(secret, str(v).encode("utf-8"), hashlib.sha256).hexdigest() for v in values}
    used = set(taken)
    result: dict[str, str] = {}
    pending = list(digests)
    length = LENGTH
    while pending:
        if length > 64:
            raise ValueError("pseudonyms collide on the full digest: duplicated values?")
        proposals = {v: PREFIX + digests[v][:length] for v in pending}
        counts = Counter(proposals.values())
        unique = [v for v in pending if counts[proposals[v]] == 1 and proposals[v] not in used]
        result.update((v, proposals[v]) for v in unique)
        used.update(proposals[v] for v in unique)
        pending = [v for v in pending if v not in result]
        length += 2
    return result


def replace_values(series: pd.Series, mapping: Mapping[str, str]) -> pd.Series:
    """``series`` with each value found in ``mapping`` replaced, hashing each distinct value once.

    >>> replace_values(pd.Series(["a", "b", None], dtype="string"), {"a": "X"}).tolist()
    ['X', 'b', <NA>]
    """
    codes, uniques = pd.factorize(series)
    replaced = np.array([mapping.get(u, u) for u in uniques] + [None], dtype=object)
    return pd.Series(replaced[codes], index=series.index, dtype=series.dtype)


def text_scrubber(replacements: Mapping[str, str], *, case_sensitive: bool = False) -> Callable[[str], str]:
    """A function replacing whole-word occurrences of each key (any case) by its value in a text.

    With ``case_sensitive``, a key matches only as written (a first name
    "Rose" is replaced, the word "rose" is not).

    Only keys whose first word occurs in the text are tried, so thousands of
    names cost little per text.

    >>> scrub = text_scrubber({"Marie Dupont": "P-1", "Jean": "P-2"})
    >>> scrub("Atelier animé par marie dupont et Jean, pas Jeanne")
    'Atelier animé par P-1 et P-2, pas Jeanne'
    """
    by_first_word: dict[str, list[tuple[str, str]]] = {}
    for needle, replacement in replacements.items():
        words = _WORD.findall(needle.casefold())
        if words:
            by_first_word.setdefault(words[0], []).append((needle.strip(), replacement))
    for candidates in by_first_word.values():
        candidates.sort(key=lambda item: -len(item[0]))

    flags = 0 if case_sensitive else re.IGNORECASE

    def scrub(text: str) -> str:
        words = set(_WORD.findall(text.casefold()))
        for word in words & by_first_word.keys():
            for needle, replacement in by_first_word[word]:
                pattern = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
                text = re.sub(pattern, replacement.replace("\\", r"\\"), text, flags=flags)
        return text

    return scrub


def _scrub_series(series: pd.Series, scrub: Callable[[str], str]) -> pd.Series:
    codes, uniques = pd.factorize(series)
    cleaned = np.array([scrub(str(u)) for u in uniques] + [None], dtype=object)
    return pd.Series(cleaned[codes], index=series.index, dtype=series.dtype)


def display_case(case: Case, secret: bytes | None = None) -> Case:
    """The case as it may be shown: persons pseudonymized everywhere, unless ``meta.show_names`` is true.

    Returns a new :class:`Case` (the input is not modified). Each person's
    ``actor_id`` and ``name`` become the same pseudonym, consistently in the
    actors, relations, participation and decisions tables; persons' names and
    ids (of 3 characters or more) are replaced in the free-text columns too.
    ``secret`` defaults to :func:`project_secret` of the case's project.
    When ``show_names`` is true, the case is returned unchanged.
    """
    if case.meta.show_names:
        return case
    if secret is None:
        secret = project_secret(find_project_root(case.path) if case.path is not None else None)
    actors = case.actors
    is_person = (actors["kind"] == "person").fillna(False).to_numpy(dtype=bool)
    person_ids = actors["actor_id"][is_person].dropna().astype(str).tolist()
    others = actors["actor_id"][~is_person].dropna().astype(str).tolist()
    mapping = pseudonymize(person_ids, secret, taken=others)

    new_actors = actors.copy()
    names: list[str] = []
    words: dict[str, str] = {}  # a person's name or id → pseudonym, for the free texts
    for actor_id, name in zip(actors["actor_id"][is_person], actors["name"][is_person], strict=True):
        if pd.isna(actor_id):  # no id to key on (invalid case): key on the name
            names.append(pseudonym(f"name:{name}", secret))
            continue
        alias = mapping[str(actor_id)]
        names.append(alias)
        if not pd.isna(name) and str(name).strip():
            words[str(name)] = alias
        # shorter ids ("a", "p1") and common words ("des") would hit ordinary words
        if len(str(actor_id)) >= 3 and str(actor_id).casefold() not in FUNCTION_WORDS:
            words[str(actor_id)] = alias
    new_actors.loc[is_person, "name"] = pd.array(names, dtype=actors["name"].dtype)
    scrub = _person_scrubber(words)

    tables: dict[str, pd.DataFrame] = {"actors": new_actors}
    for name in ("relations", "events", "participation", "decisions", "sources", "codings"):
        tables[name] = case.table(name).copy()
    for name, columns in ACTOR_COLUMNS.items():
        for column in columns:
            tables[name][column] = replace_values(tables[name][column], mapping)
    for name, columns in ACTOR_LIST_COLUMNS.items():
        for column in columns:
            tables[name][column] = tables[name][column].map(lambda ids: tuple(mapping.get(i, i) for i in ids))
    meta = case.meta
    if words:
        for name, columns in TEXT_COLUMNS.items():
            for column in columns:
                tables[name][column] = _scrub_series(tables[name][column], scrub)
        meta = _scrub_meta(meta, scrub)
    _withhold_person_texts(tables, is_person, set(mapping.values()))
    return dataclasses.replace(case, meta=meta, **tables)


def _withhold_person_texts(tables: dict[str, pd.DataFrame], is_person: np.ndarray, aliases: set[str]) -> None:
    """Empty the free texts that describe one person (:data:`PERSON_TEXT_COLUMNS`), in place.

    A pseudonym hides a name, not a unique public role: "BDFL until July 2018"
    or "Project Leader, elected in vote-2008-001" beside ``P-3fa9c2`` names the
    person as surely as the name would (issue 19). Scrubbing names from the
    text cannot help; only ``show_names`` (the persons' consent) shows them.
    """
    actors = tables["actors"]
    for column in PERSON_TEXT_COLUMNS["actors"]:
        actors.loc[is_person, column] = pd.NA
    relations = tables["relations"]
    beside = (relations["source"].isin(aliases) | relations["target"].isin(aliases)).to_numpy(dtype=bool)
    for column in PERSON_TEXT_COLUMNS["relations"]:
        relations.loc[beside, column] = pd.NA


def _person_scrubber(full: Mapping[str, str]) -> Callable[[str], str]:
    """Replace persons' full names and ids (any case), then each capitalized part of a name alone.

    "Rencontre animée par Yvette" names Yvette P. as surely as her full name
    does. Parts are matched as written and only when capitalized and of three
    letters or more, so initials ("P.") and ordinary words stay.
    """
    parts: dict[str, str] = {}
    for needle, alias in full.items():
        for part in _WORD.findall(needle):
            if len(part) >= 3 and part[0].isupper():
                parts.setdefault(part, alias)
    whole, alone = text_scrubber(full), text_scrubber(parts, case_sensitive=True)
    return lambda text: alone(whole(text))


def _scrub_meta(meta: CaseMeta, scrub: Callable[[str], str]) -> CaseMeta:
    """``case.yaml``'s free texts (title, summary, coded evidence) without persons' names."""

    def text(value: Text) -> Text:
        return Text(
            fr=scrub(value.fr) if value.fr else value.fr, en=scrub(value.en) if value.en else value.en
        )

    update: dict[str, object] = {
        "place": Bilingual.of(meta.place).map(scrub) if meta.place else meta.place,
        "legal_form": Bilingual.of(meta.legal_form).map(scrub) if meta.legal_form else meta.legal_form,
        "title": text(meta.title),
        "summary": text(meta.summary),
        "mapping": {topic: text(explanation) for topic, explanation in meta.mapping.items()},
    }
    if meta.assessment is not None:
        ostrom = {
            principle: coding.model_copy(update={"evidence": Bilingual.of(coding.evidence).map(scrub)})
            for principle, coding in meta.assessment.ostrom.items()
        }
        arnstein = meta.assessment.arnstein
        if arnstein is not None:
            arnstein = arnstein.model_copy(update={"evidence": Bilingual.of(arnstein.evidence).map(scrub)})
        update["assessment"] = meta.assessment.model_copy(update={"ostrom": ostrom, "arnstein": arnstein})
    return meta.model_copy(update=update)


def without_unconsented_quotes(case: Case) -> Case:
    """The case without the persons' texts (:data:`PERSON_TEXT_COLUMNS`) of sources that gave no consent.

    A source without consent is counted, never quoted (issue 16): the excerpts
    and memos of its codings are emptied, and so is the role of the person
    heard, which can name them as surely as a name ("the mayor of X").
    """
    if case.sources.empty and case.codings.empty:
        return case
    consenting = case.sources["consent"].fillna(False).astype(bool).to_numpy(dtype=bool)
    consented = set(case.sources.loc[consenting, "source_id"].dropna())
    sources = case.sources.copy()
    for column in PERSON_TEXT_COLUMNS["sources"]:
        sources[column] = sources[column].where(consenting, pd.NA)
    quoted = case.codings["source_id"].isin(consented).to_numpy(dtype=bool)
    codings = case.codings.copy()
    for column in PERSON_TEXT_COLUMNS["codings"]:
        codings[column] = codings[column].where(quoted, pd.NA)
    return dataclasses.replace(case, sources=sources, codings=codings)


def publishable_case(case: Case, secret: bytes | None = None, *, keep_person_groups: bool = False) -> Case:
    """The case as it may be published: :func:`display_case`, and persons' inclusion tags removed.

    A row per person with its tags would let anyone count a group that the
    indicators suppress (fewer than k persons), so published persons carry no
    tags unless the researcher asks for them (``keep_person_groups``).
    """
    shown = without_unconsented_quotes(display_case(case, secret=secret))
    if keep_person_groups:
        return shown
    actors = shown.actors.copy()
    is_person = (actors["kind"] == "person").fillna(False).to_numpy(dtype=bool)
    actors["groups"] = [
        () if person else tags for person, tags in zip(is_person, actors["groups"], strict=True)
    ]
    return dataclasses.replace(shown, actors=actors)


__all__ = [
    "PERSON_TEXT_COLUMNS",
    "SECRET_ENV",
    "SECRET_FILE",
    "display_case",
    "find_project_root",
    "project_secret",
    "pseudonym",
    "pseudonymize",
    "publishable_case",
    "replace_values",
    "text_scrubber",
    "without_unconsented_quotes",
]
