"""Resolution: seed examples, hand-written cases, the alias file, and properties."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from research.errors import RuleError
from research.extract.mentions import article_mentions, text_mentions
from research.ingest import ingest
from research.model import Mention
from research.resolve import DEFAULT_ALIASES_PATH, Resolution, load_aliases, resolve

SEED = Path(__file__).resolve().parent.parent / "data" / "seed"
MERGE_RULES = {
    "merge.same_name.v1", "merge.provisional_type.v1", "merge.gazetteer_alias.v1", "merge.word_order.v1",
    "merge.possessive_variant.v1", "merge.spelling_variant.v1", "merge.descriptor_class.v1",
    "merge.transliteration.v1", "merge.transliteration_fuzzy.v1", "merge.surname.v1",
    "merge.acronym_parenthesis.v1", "merge.acronym_initials.v1", "merge.unit_variant.v1",
    "merge.facility_head.v1", "merge.definite_head.v1", "merge.collective_description.v1", "merge.pinned.v1",
}  # fmt: skip


@pytest.fixture(scope="module")
def seed() -> Resolution:
    mentions = [m for a in ingest([SEED]) for m in article_mentions(a.article, a.sentences, a.paragraphs)]
    return resolve(mentions)


def entity_of(resolution: Resolution, text: str) -> set[str]:
    return {m.entity for m in resolution.mentions if m.text == text and m.entity is not None}


def one_entity(resolution: Resolution, *texts: str) -> str:
    found = set().union(*(entity_of(resolution, t) for t in texts))
    assert len(found) == 1, {t: entity_of(resolution, t) for t in texts}
    return found.pop()


@pytest.mark.parametrize(
    "texts",
    [
        ("Tyotkino", "Tetkino", "Teotki"),
        (
            "Freedom of Russia Legion",
            "Russian Freedom Legion",
            "Russian Legion of Freedom",
            "Russia's Freedom Legion",
            "Russia’s Freedom Legion",
            "FRL",
            "The Legion",
        ),
        ("Ilya Ponomarev", "Illya Ponomarev", "Ilyá Ponomariov"),
        ("Alexei Baranovsky", "Aleksei Baranovsky", "Baranovsky"),
        ("Igor Kutsak", "Igor Koutsak"),
        ("Russian Volunteer Corps", "RDK"),
        ("Siberian Battalion", "Siberia Battalion", "SB", "SIBERIAN BATTALION"),
        (
            "Russian Defense Ministry",
            "Russia’s Defence Ministry",
            "Russian Ministry of Defense",
            "Russia’s Ministry of Defence",
        ),
        ("Oryol", "Orel"),
        ("Russia", "Russian Federation"),
        ("NORSI", "NORSI refinery"),
        (
            "pro-Ukrainian militias",
            "Ukraine-based Russian armed groups",
            "liberation forces",
            "Russian volunteer groups",
        ),
    ],
)
def test_seed_variants_resolve_together(seed: Resolution, texts: tuple[str, ...]) -> None:
    one_entity(seed, *texts)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Belgorod", "Belgorod city administration building"),
        ("Oryol", "Oryol oil depot"),
        ("Russian Volunteer Corps", "Freedom of Russia Legion"),
        ("Russian Volunteer Corps", "Siberian Battalion"),
        ("Russia", "Russian Army"),
        ("Ukraine’s military", "Ukraine’s military intelligence"),
        ("Vladimir Putin", "Volodymyr Zelensky"),
    ],
)
def test_seed_entities_kept_apart(seed: Resolution, a: str, b: str) -> None:
    assert entity_of(seed, a) and entity_of(seed, b)
    assert not (entity_of(seed, a) & entity_of(seed, b))


def test_cities_and_regions_stay_apart(seed: Resolution) -> None:
    """Bare "Kursk" in "the Kursk and Belgorod regions" is the region; "the city of Kursk" is not."""
    for city in ("Kursk", "Belgorod"):
        cities = {m.entity for m in seed.mentions if m.text == city and m.rule == "mention.gazetteer.city_ru_ua.v1"}
        regions = entity_of(seed, f"{city} region")
        assert cities and regions and not (cities & regions)
        assert {
            m.entity for m in seed.mentions if m.text == city and m.rule == "mention.coordinated_region.v1"
        } == regions


def test_every_merge_has_evidence_and_ids_are_readable(seed: Resolution) -> None:
    ids = [e.id for e in seed.entities]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) for i in ids)
    assert {e.rule for e in seed.evidence} <= MERGE_RULES
    by_id = {e.id: e for e in seed.entities}
    for ev in seed.evidence:
        assert ev.entity in by_id
    legion = next(e for e in seed.entities if "FRL" in e.aliases)
    rules = {ev.rule for ev in seed.evidence if ev.entity == legion.id}
    assert {"merge.acronym_parenthesis.v1", "merge.word_order.v1", "merge.definite_head.v1"} <= rules


def test_mentions_keep_their_order_and_fields(seed: Resolution) -> None:
    mentions = [m for a in ingest([SEED]) for m in article_mentions(a.article, a.sentences, a.paragraphs)]
    assert [(m.id, m.start, m.text) for m in seed.mentions] == [(m.id, m.start, m.text) for m in mentions]
    refs = {(r.article, r.start, r.end): e.id for e in seed.entities for r in e.mentions}
    for m in seed.mentions:
        if m.entity is not None:
            assert refs[(m.article, m.start, m.end)] == m.entity


def corpus(*texts: str) -> list[Mention]:
    return [m for n, t in enumerate(texts) for m in text_mentions(t, article_id=f"a{n}")]


CONTEXT = " Shelling also hit Sumy and the Belgorod region, the Kursk region governor said."


def test_cyrillic_maps_to_the_latin_entity() -> None:
    r = resolve(
        corpus(
            f"Fighters entered the village of Тёткино.{CONTEXT}", f"Fighters entered the village of Tyotkino.{CONTEXT}"
        )
    )
    one_entity(r, "Тёткино", "Tyotkino")


def test_short_variants_need_context() -> None:
    far = "The mayor of Lyon opened a bakery in the village of Tetkino near Paris."
    r = resolve(corpus(f"Fighters entered the village of Tyotkino.{CONTEXT}", far))
    assert entity_of(r, "Tyotkino") != entity_of(r, "Tetkino")


def test_alias_file_pins_and_forbids(tmp_path: Path) -> None:
    texts = (f"Strikes hit the city of Mykolaiv.{CONTEXT}", f"Strikes hit the city of Nikolaev.{CONTEXT}")
    plain = resolve(corpus(*texts))
    assert entity_of(plain, "Mykolaiv") != entity_of(plain, "Nikolaev")
    pinned = resolve(corpus(*texts), aliases_path=DEFAULT_ALIASES_PATH)
    one_entity(pinned, "Mykolaiv", "Nikolaev")
    assert any(ev.rule == "merge.pinned.v1" for ev in pinned.evidence)
    path = tmp_path / "aliases.toml"
    path.write_text('[[forbid]]\nnames = ["Alexei Navalny", "Aleksei Navalny"]\n', encoding="utf-8")
    pair = corpus(f"Alexei Navalny spoke.{CONTEXT}", f"Aleksei Navalny spoke.{CONTEXT}")
    assert len(set().union(*(entity_of(resolve(pair), t) for t in ("Alexei Navalny", "Aleksei Navalny")))) == 1
    apart = resolve(pair, aliases_path=path)
    assert entity_of(apart, "Alexei Navalny") != entity_of(apart, "Aleksei Navalny")


def test_bad_alias_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "aliases.toml"
    path.write_text('[[forbid]]\nnames = ["only one"]\n', encoding="utf-8")
    with pytest.raises(RuleError, match=r"aliases\.toml"):
        load_aliases(path)
    assert load_aliases(DEFAULT_ALIASES_PATH).pin


def partition(r: Resolution, ids: set[str] | None = None) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for m in r.mentions:
        if m.entity is not None and (ids is None or m.id in ids):
            groups.setdefault(m.entity, set()).add(m.id)
    return {frozenset(g) for g in groups.values()}


@pytest.fixture(scope="module")
def seed_articles() -> list[list[Mention]]:
    return [article_mentions(a.article, a.sentences, a.paragraphs) for a in ingest([SEED])]


@given(st.randoms(use_true_random=False))
def test_resolution_is_independent_of_article_order(seed_articles: list[list[Mention]], rnd: object) -> None:
    shuffled = list(seed_articles)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a = resolve([m for ms in seed_articles for m in ms])
    b = resolve([m for ms in shuffled for m in ms])
    assert a.entities == b.entities
    assert {m.id: m.entity for m in a.mentions} == {m.id: m.entity for m in b.mentions}
    assert a.evidence == b.evidence


SYLLABLES = ["ba", "do", "ri", "mu", "ka", "lo", "ve", "ni", "sa", "po", "gu", "te", "zo", "fi"]
names = st.lists(st.sampled_from(SYLLABLES), min_size=3, max_size=4).map(lambda s: "Q" + "".join(s) + "ovo")


@given(st.lists(names, min_size=1, max_size=3, unique=True))
def test_an_article_sharing_no_names_merges_nothing(seed_articles: list[list[Mention]], fresh: list[str]) -> None:
    base = [m for ms in seed_articles for m in ms]
    before = resolve(base)
    text = (
        " ".join(f"Troops entered the village of {name}." for name in fresh)
        + " Qibomu Xavotrin said Qibomu Corp was closed."
    )
    after = resolve(base + text_mentions(text, article_id="zz_unrelated"))
    old = {m.id for m in base}
    assert partition(after, old) == partition(before)


VARIANTS = [("yo", "e"), ("kh", "h"), ("ts", "tz"), ("iy", "y"), ("yo", "jo")]


@given(
    st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3),
    st.sampled_from(VARIANTS),
    st.sampled_from(["Br", "Gr", "Kr", "D", "T", "Pl"]),
)
def test_transliteration_variants_merge_under_context(
    syllables: list[str], variant: tuple[str, str], head: str
) -> None:
    stem = "".join(syllables)
    original, spelled = (f"{head}{variant[0]}{stem}kino", f"{head}{variant[1]}{stem}kino")
    if variant[0] == "iy":
        original, spelled = (f"{head}{stem}skiy", f"{head}{stem}sky")
    r = resolve(
        corpus(
            f"Fighters entered the village of {original}.{CONTEXT}",
            f"Fighters entered the village of {spelled}.{CONTEXT}",
        )
    )
    one_entity(r, original, spelled)
