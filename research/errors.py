"""One base error and a few families; every message names the input and what is wrong."""

from __future__ import annotations

__all__ = [
    "DuplicateArticleError",
    "IngestError",
    "NotFoundError",
    "ResearchError",
    "RuleError",
    "StoreError",
]


class ResearchError(Exception):
    """Base of every error the package raises on purpose."""

    code = "research_error"


class IngestError(ResearchError):
    """An input file or document cannot be read as an article."""

    code = "bad_input"

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class DuplicateArticleError(IngestError):
    """Two different articles in one batch carry the same id."""

    code = "duplicate_article"

    def __init__(self, article_id: str, first: str, second: str) -> None:
        super().__init__(second, f"article id {article_id!r} is already used by a different article in {first}")
        self.article_id = article_id
        self.first = first


class StoreError(ResearchError):
    """The store cannot be opened, read or written as asked."""

    code = "store_error"


class StaleVersionError(StoreError):
    """Another writer committed a store version after this writer read the store: what it
    computed from the older version must be computed again."""

    code = "stale_version"


class NotFoundError(ResearchError):
    """A requested record does not exist."""

    code = "not_found"


class RuleError(ResearchError):
    """A rules file is malformed; the message names the file and the rule."""

    code = "bad_rule"
