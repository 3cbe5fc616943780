"""Mentions -> canonical entities across the whole corpus, with the evidence for every merge.

A mention first becomes a *form*: its normalised text (case, diacritics, articles and
possessives folded) with its type, or with no type when the extractor only guessed one. Forms
are joined by rules, each recorded as `MergeEvidence`:

- merge.same_name.v1            forms that differ only by case, diacritics or an article
- merge.provisional_type.v1     a form with a guessed type joins the typed form of one key
- merge.gazetteer_alias.v1      "Russian Federation" = "Russia" (gazetteer aliases)
- merge.word_order.v1           "Freedom of Russia Legion" = "Russian Legion of Freedom"
- merge.possessive_variant.v1   "Russia's Freedom Legion" = "Russian Freedom Legion"
- merge.spelling_variant.v1     "Defence Ministry" = "Defense Ministry"
- merge.descriptor_class.v1     "Russia's military" = "the Russian army" (one country, one class)
- merge.transliteration.v1      equal transliteration skeletons ("Tyotkino" = "Tetkino" = "Тёткино")
- merge.transliteration_fuzzy.v1  close skeletons (Jaro-Winkler) with region and story agreement
- merge.surname.v1              "Baranovsky" = "Alexei Baranovsky" (one candidate in context)
- merge.acronym_parenthesis.v1  "Freedom of Russia Legion (FRL)"
- merge.acronym_initials.v1     "NATO" = "North Atlantic Treaty Organization" (in context)
- merge.unit_variant.v1         "Siberian Volunteer Corps" = "Siberian Battalion" (same story)
- merge.facility_head.v1        "NORSI refinery" = "NORSI"
- merge.definite_head.v1        "the Legion" = the last named Legion before it in the article
- merge.collective_description.v1  "pro-Ukrainian militias" = "Ukraine-based armed groups" (same story)
- merge.pinned.v1               a pin of the user's alias file

A merge needs type agreement; short or distant forms also need context agreement: their
articles share at least two distinctive names (same story) and, for a fuzzy place match, the
same region named nearby. The user's alias file pins merges and forbids them; a forbidden
pair never ends in one entity. Candidate pairs are found through blocking keys (exact key,
skeleton, skeleton prefix, initials, qualifier words), never by comparing all forms, and the
result does not depend on the order of the articles.
"""

from __future__ import annotations

import itertools
import operator
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import msgspec
from rapidfuzz.distance import JaroWinkler

from research.errors import RuleError
from research.extract.mentions import (
    PROVISIONAL_RULES,
    RULE_ACRONYM_PARENTHESIS,
    RULE_COLLECTIVE,
    RULE_DEFINITE_HEAD,
    MentionRules,
    fold,
    mention_rules,
    skeleton,
)
from research.model import Entity, Mention, MentionRef

__all__ = [
    "DEFAULT_ALIASES_PATH",
    "AliasFile",
    "Forbid",
    "MergeEvidence",
    "Pin",
    "Resolution",
    "load_aliases",
    "resolve",
]

DEFAULT_ALIASES_PATH = Path(__file__).resolve().parent.parent / "data" / "aliases.toml"

RULE_SAME_NAME = "merge.same_name.v1"
RULE_PROVISIONAL = "merge.provisional_type.v1"
RULE_GAZETTEER = "merge.gazetteer_alias.v1"
RULE_WORD_ORDER = "merge.word_order.v1"
RULE_POSSESSIVE = "merge.possessive_variant.v1"
RULE_SPELLING = "merge.spelling_variant.v1"
RULE_DESCRIPTOR = "merge.descriptor_class.v1"
RULE_TRANSLIT = "merge.transliteration.v1"
RULE_TRANSLIT_FUZZY = "merge.transliteration_fuzzy.v1"
RULE_SURNAME = "merge.surname.v1"
RULE_ACRONYM_DEF = "merge.acronym_parenthesis.v1"
RULE_ACRONYM_INITIALS = "merge.acronym_initials.v1"
RULE_UNIT = "merge.unit_variant.v1"
RULE_FACILITY = "merge.facility_head.v1"
RULE_DEFINITE = "merge.definite_head.v1"
RULE_COLLECTIVE_MERGE = "merge.collective_description.v1"
RULE_PINNED = "merge.pinned.v1"

# Context: two articles agree when they share this many distinctive names.
MIN_SHARED_NAMES = 2
# Names in more articles than this say nothing about the story (a capital, a president).
MAX_CONTEXT_DF = 200
# Articles compared per form when checking context (forms seen everywhere are capped).
MAX_CONTEXT_ARTICLES = 30
FUZZY_PLACE_MIN = 0.87
FUZZY_PERSON_MIN = 0.92
GIVEN_NAME_MIN = 0.85
ANCHOR_WINDOW = 200
REGION_WORDS = frozenset({"region", "oblast", "province", "krai"})
FACILITY_WORDS = frozenset(
    {
        "airport", "international", "airfield", "air", "base", "oil", "fuel", "depot", "refinery", "nuclear",
        "power", "plant", "station", "city", "administration", "building", "dam", "port", "railway", "train",
        "military",
    }
)  # fmt: skip
UNIT_WORDS = frozenset(
    {"legion", "corps", "battalion", "brigade", "regiment", "militia", "squadron", "detachment", "division", "unit"}
)
RULES_WITH_SUFFIX = {"mention.coordinated_region.v1": "region", "mention.region_of.v1": "region"}
PARTIAL_RULES = frozenset(
    {*RULES_WITH_SUFFIX, RULE_DEFINITE_HEAD, "mention.acronym.v1", RULE_ACRONYM_PARENTHESIS, "mention.surname.v1"}
)
RE_AFFILIATION = re.compile(r"^(pro|anti)-([\w’']+)$|^([\w’']+)-(?:based|backed|led|supported|aligned)$")
RE_ACRONYM_TEXT = re.compile(r"^[A-Z][A-Z&]{1,5}$")
RE_SLUG = re.compile(r"[^a-z0-9]+")
RE_POSSESSIVE = re.compile(r"[’']s\b")


class MergeEvidence(msgspec.Struct, frozen=True, kw_only=True):
    """Why two forms ended in one entity.

    rule: the merge rule id; entity: the entity id; left/right: the two forms as written;
    detail: what the rule compared ("skeleton 'tetkino'", "initials FRL"); score: a
    similarity when the rule measured one.
    """

    rule: str
    entity: str
    left: str
    right: str
    detail: str = ""
    score: float | None = None


class Resolution(msgspec.Struct, frozen=True, kw_only=True):
    """Entities of a corpus, the mentions with their entity set, and the merge evidence."""

    entities: list[Entity]
    mentions: list[Mention]
    evidence: list[MergeEvidence]


class Pin(msgspec.Struct, frozen=True, kw_only=True):
    """Names the user says are one entity (of `type`, when given)."""

    names: list[str]
    type: str | None = None
    note: str = ""


class Forbid(msgspec.Struct, frozen=True, kw_only=True):
    """Two names the user says are never one entity."""

    names: list[str]
    note: str = ""


class AliasFile(msgspec.Struct, frozen=True, kw_only=True):
    """The user's alias file: pinned and forbidden merges."""

    pin: list[Pin] = []
    forbid: list[Forbid] = []


def load_aliases(path: Path) -> AliasFile:
    """Read and check an alias file; errors name the file and the entry."""
    try:
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"{path}: {exc}") from exc
    try:
        aliases = msgspec.convert(raw, AliasFile)
    except msgspec.ValidationError as exc:
        raise RuleError(f"{path}: {exc}") from exc
    for n, pin in enumerate(aliases.pin, start=1):
        if len(pin.names) < 2:
            raise RuleError(f"{path}: pin #{n} names fewer than two names: {pin.names!r}")
    for n, forbid in enumerate(aliases.forbid, start=1):
        if len(forbid.names) != 2:
            raise RuleError(f"{path}: forbid #{n} must name exactly two names, got {forbid.names!r}")
    return aliases


# ---------------------------------------------------------------- forms


def norm_form(text: str) -> str:
    """Case, diacritics, a leading article, possessives and brackets folded away."""
    out = fold(text.replace("’", "'"))
    out = RE_POSSESSIVE.sub("", out)
    out = out.replace("(", "").replace(")", "").replace("[", "").replace("]", "")
    words = out.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class Form:
    """A distinct normalised text of one type (None: type only guessed) and its mentions."""

    __slots__ = ("articles", "index", "key", "kind", "mentions", "norm", "rules", "surfaces", "tokens", "type")

    def __init__(self, index: int, norm: str, type_: str | None, kind: str) -> None:
        self.index = index
        self.norm = norm
        self.tokens: list[str] = norm.split()  # never changed in place
        self.type = type_
        self.kind = kind
        self.key: tuple[str, ...] = ()
        self.mentions: list[int] = []
        self.articles: set[str] = set()
        self.surfaces: Counter[str] = Counter()
        self.rules: set[str] = set()

    @property
    def surface(self) -> str:
        return min(self.surfaces.items(), key=lambda kv: (-kv[1], kv[0]))[0]


class _Clusters:
    """Union-find over forms with cannot-link tags from the alias file."""

    def __init__(self) -> None:
        self.parent: list[int] = []
        self.tags: list[set[tuple[int, int]]] = []

    def add(self) -> int:
        self.parent.append(len(self.parent))
        self.tags.append(set())
        return len(self.parent) - 1

    def find(self, a: int) -> int:
        parent = self.parent
        root = a
        while parent[root] != root:
            root = parent[root]
        while parent[a] != root:
            parent[a], a = root, parent[a]
        return root

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        ta, tb = self.tags[ra], self.tags[rb]
        if any((i, 1 - side) in tb for i, side in ta):
            return False
        if ra > rb:
            ra, rb = rb, ra
            ta, tb = tb, ta
        self.parent[rb] = ra
        ta |= tb
        return True


class _Resolver:
    def __init__(self, mentions: Sequence[Mention], aliases: AliasFile | None) -> None:
        self.rules: MentionRules = mention_rules()
        self.mentions = mentions
        self.aliases = aliases
        order_keys = list(map(operator.attrgetter("article", "start", "end", "text", "rule"), mentions))
        self.order = sorted(range(len(mentions)), key=order_keys.__getitem__)
        self.forms: list[Form] = []
        self.form_of: list[int] = [-1] * len(mentions)
        self.clusters = _Clusters()
        # (rule, form, other form or -1, other text when not a form, detail, score)
        self.evidence: list[tuple[str, int, int, str, str, float | None]] = []
        self.by_article: dict[str, list[int]] = defaultdict(list)
        self.descriptor_rules = {d.id: d for d in self.rules.descriptors}
        self.country_keys = {
            " ".join(sorted(self._token(t) for t in entry.canonical.lower().split()))
            for entry in self.rules.gazetteer.values()
            if entry.country
        }
        self.signature: dict[str, frozenset[int]] = {}
        self._agree: dict[tuple[str, str], bool] = {}

    # -- forms and keys
    def build_forms(self) -> None:
        index: dict[tuple[str, str | None, str], int] = {}
        form_of_text: dict[tuple[str, str, str], int] = {}  # (text, rule, type) -> form
        mentions, forms, form_of, by_article = self.mentions, self.forms, self.form_of, self.by_article
        for i in self.order:
            m = mentions[i]
            by_article[m.article].append(i)
            if m.rule in (RULE_DEFINITE_HEAD, RULE_COLLECTIVE):
                continue
            written = (m.text, m.rule, m.type)
            f = form_of_text.get(written)
            if f is None:
                f = form_of_text[written] = self._form(m, index)
            form = forms[f]
            form.mentions.append(i)
            form.articles.add(m.article)
            form.surfaces[m.text] += 1
            form.rules.add(m.rule)
            form_of[i] = f

    def _form(self, m: Mention, index: dict[tuple[str, str | None, str], int]) -> int:
        """The form of a mention's text, rule and type, a new one if none has its identity."""
        norm = norm_form(m.text)
        suffix = RULES_WITH_SUFFIX.get(m.rule)
        if suffix:
            norm = f"{norm} {suffix}"
        kind = "descriptor" if m.rule in self.descriptor_rules else "name"
        type_ = None if m.rule in PROVISIONAL_RULES else m.type
        ident = (norm, type_, kind)
        f = index.get(ident)
        if f is None:
            f = len(self.forms)
            index[ident] = f
            form = Form(f, norm, type_, kind)
            form.key = self._key(form, m)
            self.forms.append(form)
            self.clusters.add()
        return f

    def _token(self, token: str) -> str:
        token = self.rules.spelling.get(token, token)
        return "region" if token in REGION_WORDS else token

    def _key(self, form: Form, m: Mention) -> tuple[str, ...]:
        rules = self.rules
        if form.kind == "descriptor":
            class_ = self.descriptor_rules[m.rule].class_
            return self._descriptor_key(form.norm, class_) or (f"#{class_}", form.norm)
        if form.type == "person":
            return tuple(skeleton(t) for t in form.tokens if t not in rules.connectors)
        if form.type == "government_body":
            described = self._descriptor_key(form.norm, "")
            if described is not None:
                return described
        entry = rules.gazetteer.get(form.norm)
        words = entry.canonical.lower().split() if entry is not None else form.tokens
        out: list[str] = []
        for w in words:
            if w in rules.connectors or w == "the":
                continue
            place = rules.demonyms.get(w)
            if place is not None:
                out.extend(self._token(p) for p in place.lower().split())
            else:
                out.append(self._token(w))
        return tuple(sorted(out))

    def _descriptor_key(self, norm: str, class_: str) -> tuple[str, ...] | None:
        """(class, country) of "russia's armed forces"; None for a name that is not one.

        class_ "" takes the class of the form found (a capitalised name such as "Russian
        Ministry of Defense" found by the name engine).
        """
        words = norm.split()
        for n in range(1, len(words)):
            rule = self.rules.descriptor_forms.get(" ".join(words[n:]))
            if rule is None:
                continue
            qualifier = " ".join(words[:n])
            place = self.rules.qualifiers.get(qualifier)
            if place is None:
                return None
            tokens = [self._token(p) for p in place.lower().split()]
            return tuple(sorted([f"#{class_ or rule.class_}", *tokens]))
        return None

    def union(self, a: int, b: int, rule: str, detail: str = "", score: float | None = None) -> bool:
        if self.clusters.union(a, b):
            self.evidence.append((rule, a, b, "", detail, score))
            return True
        return False

    def find(self, f: int) -> int:
        return self.clusters.find(f)

    # -- user alias file
    def apply_aliases(self) -> None:
        if self.aliases is None:
            return
        by_norm: dict[str, list[int]] = defaultdict(list)
        for form in self.forms:
            by_norm[form.norm].append(form.index)
        for n, forbid in enumerate(self.aliases.forbid):
            for side, name in enumerate(forbid.names[:2]):
                for f in by_norm.get(norm_form(name), []):
                    self.clusters.tags[self.find(f)].add((n, side))
        for pin in self.aliases.pin:
            targets = [
                f
                for name in pin.names
                for f in by_norm.get(norm_form(name), [])
                if pin.type is None or self.forms[f].type in (pin.type, None)
            ]
            for f in targets[1:]:
                self.union(targets[0], f, RULE_PINNED, pin.note)

    # -- forms with one key
    def merge_keys(self) -> None:
        by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for form in self.forms:
            by_key[form.key].append(form.index)
        for members in by_key.values():
            if len(members) < 2:
                continue
            typed: dict[str, list[int]] = defaultdict(list)
            guessed: list[int] = []
            for f in members:
                t = self.forms[f].type
                if t is None:
                    guessed.append(f)
                else:
                    typed[t].append(f)
            for group in typed.values():
                for f in group[1:]:
                    self.union(group[0], f, self._key_rule(self.forms[group[0]], self.forms[f]))
            for f in guessed[1:]:
                self.union(guessed[0], f, RULE_SAME_NAME)
            if guessed and typed:
                best = min(typed, key=lambda t: (-sum(len(self.forms[f].mentions) for f in typed[t]), t))
                self.union(typed[best][0], guessed[0], RULE_PROVISIONAL, f"type {best}")

    def _key_rule(self, a: Form, b: Form) -> str:
        rules = self.rules
        if a.kind == "descriptor" or b.kind == "descriptor" or (a.key and a.key[0].startswith("#")):
            return RULE_DESCRIPTOR
        raw_a = [t for t in a.tokens if t not in rules.connectors and t != "the"]
        raw_b = [t for t in b.tokens if t not in rules.connectors and t != "the"]
        if raw_a == raw_b:
            return RULE_SAME_NAME
        for norm in (a.norm, b.norm):
            entry = rules.gazetteer.get(norm)
            if entry is not None and entry.canonical.lower() != norm:
                return RULE_GAZETTEER
        if a.type == "person":
            return RULE_TRANSLIT
        if sorted(raw_a) == sorted(raw_b):
            return RULE_WORD_ORDER
        if any(t in rules.demonyms for t in raw_a + raw_b):
            return RULE_POSSESSIVE
        return RULE_SPELLING

    # -- acronyms
    def merge_acronym_definitions(self) -> None:
        for indices in self.by_article.values():
            by_end = {self.mentions[i].end: i for i in indices}
            for i in indices:
                m = self.mentions[i]
                if m.rule != RULE_ACRONYM_PARENTHESIS:
                    continue
                j = by_end.get(m.start - 2)
                if j is None or self.form_of[j] < 0 or self.form_of[i] < 0:
                    continue
                name = self.mentions[j].text
                initials = self._initials(norm_form(name))
                detail = f"'{m.text}' in parentheses after '{name}'"
                if initials == m.text.upper():
                    detail += f" (initials {initials})"
                self.union(self.form_of[j], self.form_of[i], RULE_ACRONYM_DEF, detail)

    def _initials(self, norm: str) -> str:
        words = [w for w in norm.replace("-", " ").split() if w not in self.rules.connectors and w != "the"]
        return "".join(w[0] for w in words if w).upper()

    def merge_acronym_initials(self) -> None:
        index: dict[str, list[int]] = defaultdict(list)
        for form in self.forms:
            if len(form.tokens) >= 2 and form.type not in (None, "person") and form.kind == "name":
                index[self._initials(form.norm)].append(form.index)
        for form in self.forms:
            surface = form.surface
            if not RE_ACRONYM_TEXT.match(surface) or len(form.tokens) != 1:
                continue
            candidates = sorted({self.find(f) for f in index.get(surface, [])})
            if self.find(form.index) in candidates:
                continue
            found = [c for c in candidates if self._context(form, self._articles_of_root(c))]
            if len(found) == 1:
                target = min(f for f in index[surface] if self.find(f) == found[0])
                self.union(target, form.index, RULE_ACRONYM_INITIALS, f"initials {surface}")

    # -- context
    def build_signatures(self) -> None:
        df: Counter[int] = Counter()
        per_article: dict[str, set[int]] = defaultdict(set)
        for form in self.forms:
            if form.type in ("outlet", "event") or form.kind == "descriptor":
                continue
            if " ".join(form.key) in self.country_keys:
                continue
            root = self.find(form.index)
            for a in form.articles:
                per_article[a].add(root)
        for roots in per_article.values():
            df.update(roots)
        self.signature = {a: frozenset(r for r in roots if df[r] <= MAX_CONTEXT_DF) for a, roots in per_article.items()}
        self.root_articles: dict[int, set[str]] = defaultdict(set)
        for form in self.forms:
            self.root_articles[self.find(form.index)].update(form.articles)

    def _articles_of_root(self, root: int) -> set[str]:
        return self.root_articles.get(root, set())

    def agree(self, a: str, b: str) -> bool:
        if a == b:
            return True
        pair = (a, b) if a < b else (b, a)
        found = self._agree.get(pair)
        if found is None:
            sa, sb = self.signature.get(a, frozenset()), self.signature.get(b, frozenset())
            found = len(sa & sb) >= MIN_SHARED_NAMES
            self._agree[pair] = found
        return found

    def _context(self, form: Form, articles: Iterable[str]) -> bool:
        mine = sorted(form.articles)[:MAX_CONTEXT_ARTICLES]
        theirs = sorted(articles)[:MAX_CONTEXT_ARTICLES]
        return any(self.agree(a, b) for a in mine for b in theirs)

    def _context_forms(self, a: Form, b: Form) -> bool:
        return self._context(a, b.articles)

    # -- people
    def merge_people(self) -> None:
        full: dict[str, list[int]] = defaultdict(list)
        prefix: dict[str, list[int]] = defaultdict(list)
        singles: list[Form] = []
        for form in self.forms:
            if form.kind != "name":
                continue
            if form.type == "person" and len(form.key) >= 2:
                full[form.key[-1]].append(form.index)
                prefix[form.key[-1][:3]].append(form.index)
            elif form.type in ("person", None) and len(form.tokens) == 1 and form.tokens[0].isalpha():
                singles.append(form)
        # given-name variants and fuzzy surnames, blocked by surname skeleton prefix
        for block in prefix.values():
            block.sort(key=lambda f: self.forms[f].key)
            for x, fa in enumerate(block):
                a = self.forms[fa]
                for fb in block[x + 1 :]:
                    b = self.forms[fb]
                    if self.find(fa) == self.find(fb):
                        continue
                    score = JaroWinkler.similarity(a.key[-1], b.key[-1])
                    given = JaroWinkler.similarity(" ".join(a.key[:-1]), " ".join(b.key[:-1]))
                    exact = a.key[-1] == b.key[-1]
                    close = (exact and given >= GIVEN_NAME_MIN) or (
                        score >= FUZZY_PERSON_MIN and a.key[:-1] == b.key[:-1]
                    )
                    if close and self._context_forms(a, b):
                        detail = f"skeletons {' '.join(a.key)!r} ~ {' '.join(b.key)!r}"
                        self.union(fa, fb, RULE_TRANSLIT_FUZZY, detail, round(min(score, given), 3))
        # surname only
        for form in singles:
            target = form.key[0] if form.type == "person" else skeleton(form.tokens[0])
            candidates = full.get(target, [])
            if not candidates:
                continue
            roots = sorted({self.find(f) for f in candidates})
            if self.find(form.index) in roots:
                continue
            local = [r for r in roots if self._articles_of_root(r) & form.articles]
            chosen = local if local else [r for r in roots if self._context(form, self._articles_of_root(r))]
            if len(chosen) == 1:
                f = min(c for c in candidates if self.find(c) == chosen[0])
                self.union(f, form.index, RULE_SURNAME, f"surname {target!r}")

    # -- places
    def _anchors(self) -> dict[int, set[str]]:
        """For each place form, the other places named within ANCHOR_WINDOW characters."""
        anchors: dict[int, set[str]] = defaultdict(set)
        for indices in self.by_article.values():
            places = [i for i in indices if self.form_of[i] >= 0 and self.mentions[i].type == "place"]
            for x, i in enumerate(places):
                fi = self.form_of[i]
                mi = self.mentions[i]
                for j in places[max(0, x - 4) : x + 5]:
                    mj = self.mentions[j]
                    if j == i or abs(mj.start - mi.start) > ANCHOR_WINDOW:
                        continue
                    fj = self.forms[self.form_of[j]]
                    base = [t for t in fj.key if t != "region"]
                    if " ".join(fj.key) in self.country_keys or not base:
                        continue
                    anchors[fi].add(" ".join(skeleton(t) for t in base))
        return anchors

    def merge_places(self) -> None:
        exact: dict[tuple[str, bool], list[int]] = defaultdict(list)
        for form in self.forms:
            if form.type != "place" or form.kind != "name" or not form.key:
                continue
            base = [t for t in form.key if t != "region"]
            if not base:
                continue
            skel = " ".join(skeleton(t) for t in base)
            exact[(skel, "region" in form.key)].append(form.index)
        for (skel, _), members in sorted(exact.items()):
            for f in members[1:]:
                a, b = self.forms[members[0]], self.forms[f]
                if self.find(a.index) != self.find(f) and self._context_forms(a, b):
                    self.union(a.index, f, RULE_TRANSLIT, f"skeleton {skel!r}")
        anchors: dict[int, set[str]] = defaultdict(set)
        seen_in: dict[int, set[str]] = defaultdict(set)
        for f, near in self._anchors().items():
            anchors[self.find(f)] |= near
        for form in self.forms:
            seen_in[self.find(form.index)] |= form.articles
        blocks: dict[tuple[str, bool], list[tuple[str, int]]] = defaultdict(list)
        for (skel, region), members in exact.items():
            if " " in skel or len(skel) < 4:
                continue
            blocks[(skel[:2], region)].append((skel, members[0]))
        for block in blocks.values():
            block.sort()
            for x, (sa, fa) in enumerate(block):
                for sb, fb in block[x + 1 :]:
                    if abs(len(sa) - len(sb)) > 3 or self.find(fa) == self.find(fb):
                        continue
                    a, b = self.forms[fa], self.forms[fb]
                    if a.norm in self.rules.gazetteer and b.norm in self.rules.gazetteer:
                        continue
                    score = JaroWinkler.similarity(sa, sb)
                    ra, rb = self.find(fa), self.find(fb)
                    if score < FUZZY_PLACE_MIN or seen_in[ra] & seen_in[rb]:
                        continue
                    shared = (anchors[ra] & anchors[rb]) - {sa, sb}
                    if shared and self._context_forms(a, b):
                        detail = f"skeletons {sa!r} ~ {sb!r}, both near {sorted(shared)[0]!r}"
                        self.union(fa, fb, RULE_TRANSLIT_FUZZY, detail, round(score, 3))

    def merge_facilities(self) -> None:
        by_norm: dict[str, list[int]] = defaultdict(list)
        for form in self.forms:
            by_norm[form.norm].append(form.index)
        for form in self.forms:
            if "mention.facility.v1" not in form.rules:
                continue
            words = form.tokens
            while words and words[-1] in FACILITY_WORDS:
                words = words[:-1]
            name = " ".join(words)
            for f in by_norm.get(name, []):
                other = self.forms[f]
                if other.type in (None, "organisation") and name not in self.rules.gazetteer:
                    self.union(form.index, f, RULE_FACILITY, f"'{form.surface}' names the facility of '{name}'")

    # -- armed groups named by unit words
    def merge_units(self) -> None:
        generic = set(self.rules.collective.irregular) | set(self.rules.collective.neutral)
        countries = {k for k in self.country_keys if " " not in k}
        info: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
        index: dict[str, list[int]] = defaultdict(list)
        for form in self.forms:
            if form.type != "armed_group" or form.kind != "name" or not (set(form.key) & UNIT_WORDS):
                continue
            rest = [t for t in form.key if t not in UNIT_WORDS]
            qualifiers = frozenset(t for t in rest if t not in countries and t not in generic)
            country = frozenset(t for t in rest if t in countries)
            if qualifiers:
                info[form.index] = (qualifiers, country)
                for q in qualifiers:
                    index[q].append(form.index)
        for members in index.values():
            for x, fa in enumerate(members):
                for fb in members[x + 1 :]:
                    (qa, ca), (qb, cb) = info[fa], info[fb]
                    if self.find(fa) == self.find(fb) or (ca and cb and ca != cb):
                        continue
                    if not (qa <= qb or qb <= qa):
                        continue
                    a, b = self.forms[fa], self.forms[fb]
                    if self._context_forms(a, b):
                        detail = f"unit names sharing {' '.join(sorted(qa & qb))!r} in one story"
                        self.union(fa, fb, RULE_UNIT, detail)

    # -- anaphors and collective descriptions
    def definite_heads(self) -> dict[int, int]:
        """Mention index of each "the Legion" -> the form of its antecedent."""
        out: dict[int, int] = {}
        for indices in self.by_article.values():
            for x, i in enumerate(indices):
                m = self.mentions[i]
                if m.rule != RULE_DEFINITE_HEAD:
                    continue
                head = m.text.split()[-1].lower()
                for j in reversed(indices[max(0, x - 60) : x]):
                    other = self.mentions[j]
                    if self.form_of[j] < 0 or other.type != m.type:
                        continue
                    if head in (w.lower() for w in other.text.split()):
                        out[i] = self.form_of[j]
                        break
        return out

    def _side(self, text: str) -> set[tuple[str, str]]:
        side: set[tuple[str, str]] = set()
        for word in text.lower().split():
            match = RE_AFFILIATION.match(word)
            if not match:
                continue
            polarity = match.group(1) or "pro"
            target = match.group(2) or match.group(3)
            country = self.rules.qualifiers.get(target.replace("’", "'"))
            if country is not None:
                side.add((polarity, country))
        return side

    def collective(self) -> None:
        items = [i for i in self.order if self.mentions[i].rule == RULE_COLLECTIVE]
        if not items:
            return
        articles = sorted({self.mentions[i].article for i in items})
        parent = {a: a for a in articles}

        def find(a: str) -> str:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        postings: dict[int, list[str]] = defaultdict(list)
        for a in articles:
            for r in self.signature.get(a, frozenset()):
                postings[r].append(a)
        for a in articles:
            shared: Counter[str] = Counter()
            for r in self.signature.get(a, frozenset()):
                shared.update(b for b in postings[r] if b > a)
            for b, count in sorted(shared.items()):
                if count >= MIN_SHARED_NAMES:
                    ra, rb = find(a), find(b)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
        stories: dict[str, list[int]] = defaultdict(list)
        for i in items:
            stories[find(self.mentions[i].article)].append(i)
        for story in sorted(stories):
            clusters: list[tuple[set[tuple[str, str]], list[int]]] = []
            for i in stories[story]:
                side = self._side(self.mentions[i].text)
                for cluster_side, members in clusters:
                    if not self._conflict(side, cluster_side):
                        cluster_side |= side
                        members.append(i)
                        break
                else:
                    clusters.append((set(side), [i]))
            for _, members in clusters:
                forms: dict[str, int] = {}
                for i in members:
                    m = self.mentions[i]
                    norm = norm_form(m.text)
                    f = forms.get(norm)
                    if f is None:
                        f = len(self.forms)
                        form = Form(f, norm, m.type, "collective")
                        form.key = ("#collective", story, norm)
                        self.forms.append(form)
                        self.clusters.add()
                        forms[norm] = f
                    form = self.forms[f]
                    form.mentions.append(i)
                    form.articles.add(m.article)
                    form.surfaces[m.text] += 1
                    form.rules.add(m.rule)
                    self.form_of[i] = f
                ids = sorted(forms.values())
                for f in ids[1:]:
                    self.union(ids[0], f, RULE_COLLECTIVE_MERGE, "descriptions of irregular groups in one story")

    @staticmethod
    def _conflict(a: set[tuple[str, str]], b: set[tuple[str, str]]) -> bool:
        pro_a = {c for p, c in a if p == "pro"}
        pro_b = {c for p, c in b if p == "pro"}
        anti_a = {c for p, c in a if p == "anti"}
        anti_b = {c for p, c in b if p == "anti"}
        if pro_a and pro_b and not (pro_a & pro_b):
            return True
        return bool(pro_a & anti_b or pro_b & anti_a)

    # -- output
    def build(self) -> Resolution:
        anaphors = self.definite_heads()
        for i, f in anaphors.items():
            self.form_of[i] = f
        root = [self.find(f) for f in range(len(self.forms))]
        mentions = self.mentions
        # each entity's mentions by article and start (then input order)
        places = list(map(operator.attrgetter("article", "start"), mentions))
        by_place = sorted(range(len(mentions)), key=places.__getitem__)
        members: dict[int, list[int]] = defaultdict(list)
        for i in by_place:
            f = self.form_of[i]
            if f >= 0:
                members[root[f]].append(i)
        written = list(map(operator.attrgetter("text", "rule", "type"), mentions))
        named: list[tuple[str, str, tuple[str, int], int, str]] = []
        for r, indices in members.items():
            name, type_ = self._name_and_type(list(map(written.__getitem__, indices)))
            named.append((slug(name), type_, places[indices[0]], r, name))
        named.sort()
        ids: dict[int, str] = {}
        used: Counter[str] = Counter()
        for base, _, _, r, _ in named:
            used[base] += 1
            ids[r] = base if used[base] == 1 else f"{base}-{used[base]}"
        texts = list(map(operator.itemgetter(0), written))
        bare: dict[int, list[str]] = defaultdict(list)  # entity -> bare descriptors of its mentions
        for i, descriptor in self._bare_descriptors(list(map(operator.itemgetter(1), written))).items():
            f = self.form_of[i]
            if f >= 0:
                bare[root[f]].append(descriptor)
        refs = [
            MentionRef(article=article, start=start, end=end)
            for article, start, end in map(operator.attrgetter("article", "start", "end"), mentions)
        ]
        entities = [
            Entity(
                id=ids[r],
                name=name,
                type=type_,
                aliases=sorted(set(map(texts.__getitem__, members[r])).union(bare.get(r, ()))),
                mentions=list(map(refs.__getitem__, members[r])),
            )
            for _, type_, _, r, name in named
        ]
        entities.sort(key=operator.attrgetter("id"))
        resolved = [
            msgspec.structs.replace(m, entity=ids[root[f]] if f >= 0 else None)
            for m, f in zip(mentions, self.form_of, strict=True)
        ]
        for i, f in sorted(anaphors.items()):
            m = self.mentions[i]
            detail = f"last {m.type} named with '{m.text.split()[-1]}' before {m.article}@{m.start}"
            self.evidence.append((RULE_DEFINITE, f, -1, m.text, detail, None))
        evidence = sorted(
            (
                MergeEvidence(
                    rule=rule,
                    entity=ids[root[a]],
                    left=self.forms[a].surface,
                    right=self.forms[b].surface if b >= 0 else text,
                    detail=detail,
                    score=score,
                )
                for rule, a, b, text, detail, score in self.evidence
            ),
            key=lambda e: (e.entity, e.rule, e.left, e.right, e.detail),
        )
        return Resolution(entities=entities, mentions=resolved, evidence=evidence)

    @staticmethod
    def _name_and_type(written: list[tuple[str, str, str]]) -> tuple[str, str]:
        """An entity's name and type from the (text, rule, type) of its mentions."""
        types: dict[str, int] = {}
        names: dict[str, int] = {}
        fallback: dict[str, int] = {}
        for (text, rule, type_), count in Counter(written).items() if len(written) > 1 else ((written[0], 1),):
            if rule not in PROVISIONAL_RULES:
                types[type_] = types.get(type_, 0) + count
            if text.lower().startswith("the ") and len(text.split()) > 1:
                text = text[4:]
            suffix = RULES_WITH_SUFFIX.get(rule)
            pool = fallback if suffix or rule in PARTIAL_RULES else names
            if suffix:
                text = f"{text} {suffix}"
            pool[text] = pool.get(text, 0) + count
        pool = names or fallback
        name = min(pool.items(), key=_by_count_length_text)[0] if len(pool) > 1 else next(iter(pool))
        if not types:
            types = Counter(type_ for _, _, type_ in written)
        type_ = min(types.items(), key=_by_count_text)[0] if len(types) > 1 else next(iter(types))
        return name, type_

    def _bare_descriptors(self, rules: list[str]) -> dict[int, str]:
        """Mention index -> the bare descriptor ("military") of a mention of a standalone descriptor
        (`rules`: the rule of each mention)."""
        standalone = {rule_id for rule_id, d in self.descriptor_rules.items() if d.standalone}
        out: dict[int, str] = {}
        for i in itertools.compress(itertools.count(), map(standalone.__contains__, rules)):
            words = self.mentions[i].text.split()
            for n in range(1, len(words)):
                if " ".join(words[n:]).lower() in self.rules.descriptor_forms:
                    out[i] = " ".join(words[n:])
                    break
        return out


def _by_count_length_text(kv: tuple[str, int]) -> tuple[int, int, str]:
    return -kv[1], -len(kv[0]), kv[0]


def _by_count_text(kv: tuple[str, int]) -> tuple[int, str]:
    return -kv[1], kv[0]


def slug(name: str) -> str:
    """A readable id: the name folded to ASCII, lower-cased, words joined by '-'."""
    return RE_SLUG.sub("-", fold(name)).strip("-") or "entity"


def resolve(mentions: Sequence[Mention], *, aliases_path: Path | None = None) -> Resolution:
    """Canonical entities of a corpus from its mentions (`entity` of each mention is set).

    aliases_path: the user's alias file (pins and forbidden merges), e.g.
    `DEFAULT_ALIASES_PATH`; None applies the rules alone. The result does not depend on the
    order of the mentions or articles.
    """
    aliases = load_aliases(aliases_path) if aliases_path is not None else None
    resolver = _Resolver(mentions, aliases)
    resolver.build_forms()
    resolver.apply_aliases()
    resolver.merge_keys()
    resolver.merge_acronym_definitions()
    resolver.build_signatures()
    resolver.merge_acronym_initials()
    resolver.merge_people()
    resolver.merge_places()
    resolver.merge_facilities()
    resolver.merge_units()
    resolver.collective()
    return resolver.build()
