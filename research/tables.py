"""Publication tables for notebooks (great-tables), built from `research.query` frames.

A ledger table lists, event by event, who claims what (the claimant's position on a disputed
aspect, else the claim itself), through which outlets, with what polarity and certainty, and
the claim ids that trace every row back to the characters of its article.
"""

from __future__ import annotations

import polars as pl
from great_tables import GT, loc, style

__all__ = [
    "DENY_COLOUR",
    "contradictions_table",
    "event_label",
    "ledger_rows",
    "ledger_table",
    "spellings",
    "spellings_table",
]

DENY_COLOUR = "#b91c1c"
UNVERIFIED_COLOUR = "#92400e"
MAX_CONTENT = 160  # characters of a claim's content shown in a cell; the claim id leads to the rest


def _joined(column: str, separator: str = ", ") -> pl.Expr:
    return pl.col(column).list.join(separator)


def _shortened(text: pl.Expr) -> pl.Expr:
    return pl.when(text.str.len_chars() > MAX_CONTENT).then(text.str.slice(0, MAX_CONTENT - 1) + "…").otherwise(text)


def event_label(events: pl.DataFrame) -> pl.DataFrame:
    """`id` and a readable `label` per event: "armed clash · Belgorod, Belgorod region · 2024-03-12"."""
    return events.select(
        "id",
        label=pl.concat_str(
            pl.col("type").str.replace_all("_", " "),
            pl.lit(" · "),
            _joined("place_names"),
            pl.when(pl.col("date").is_not_null())
            .then(pl.lit(" · ") + pl.col("date").cast(pl.String()))
            .otherwise(pl.lit("")),
        ),
    )


def ledger_rows(ledgers: pl.DataFrame, events: pl.DataFrame) -> pl.DataFrame:
    """Ledger rows (`LedgerRow` columns, several events) flattened into printable cells."""
    labels = event_label(events).rename({"id": "event"})
    return (
        ledgers.join(labels, on="event", how="left")
        .with_columns(
            claimant=pl.col("claimant").fill_null("(the article)"),
            stance=pl.when(pl.col("about").is_not_null())
            .then(pl.col("about") + ": " + pl.col("position").fill_null("?"))
            .otherwise(pl.lit("")),
            claim=_shortened(pl.col("contents").list.first().fill_null(""))
            + pl.when(pl.col("contents").list.len() > 1)
            .then(pl.lit(" (+") + (pl.col("contents").list.len() - 1).cast(pl.String()) + pl.lit(" more)"))
            .otherwise(pl.lit("")),
            via=_joined("via"),
            outlets=_joined("outlets"),
            certainty=_joined("certainty"),
            claim_ids=_joined("claims"),
        )
        .select(
            "label",
            "claimant",
            "stance",
            "claim",
            "polarity",
            "certainty",
            "via",
            "outlets",
            "independent",
            "claim_ids",
        )
    )


def ledger_table(ledgers: pl.DataFrame, events: pl.DataFrame, *, title: str, subtitle: str = "") -> GT:
    """Who claims what about each event: one row group per event, one row per claimant and position."""
    rows = ledger_rows(ledgers, events)
    return (
        GT(rows)
        .tab_header(title=title, subtitle=subtitle)
        .tab_stub(rowname_col="claimant", groupname_col="label")
        .tab_stubhead(label="Claimant")
        .cols_label(
            stance="Disputed aspect: position",
            claim="Claim (first, shortened)",
            polarity="Polarity",
            certainty="Certainty",
            via="Via",
            outlets="Printed by",
            independent="Origins",
            claim_ids="Claim ids",
        )
        .tab_spanner(label="Reporting chain", columns=["via", "outlets", "independent"])
        .tab_style(
            style.text(color=DENY_COLOUR, weight="bold"),
            loc.body(columns="polarity", rows=pl.col("polarity") != "assert"),
        )
        .tab_style(
            style.text(color=UNVERIFIED_COLOUR, style="italic"),
            loc.body(columns="certainty", rows=pl.col("certainty").str.contains("unverified")),
        )
        .tab_style(style.text(size="x-small", font="monospace"), loc.body(columns="claim_ids"))
        .tab_style(style.text(size="small"), loc.body(columns="claim"))
        .tab_source_note(
            "Polarity: deny for denials and negated assertions. Certainty is source-relative (FactBank): unverified "
            "for claim/allegedly/not verified, probable for appears to, possible for may/could. Origins: distinct "
            "points where the claims entered the news. Every claim id leads to its exact spans and rule "
            "(Corpus.claim(id), GET /claims/{id})."
        )
        .opt_row_striping()
    )


def contradictions_table(contradictions: pl.DataFrame, events: pl.DataFrame, *, title: str) -> GT:
    """Where sources disagree: one row per position of each contradiction, grouped by aspect."""
    labels = event_label(events).rename({"id": "event", "label": "event_label"})
    rows = (
        contradictions.join(labels, on="event", how="left")
        .with_columns(
            group=pl.col("about") + pl.lit(" — ") + pl.col("event_label").fill_null("(no single event)"),
        )
        .explode("positions")
        .with_columns(
            claimant=pl.col("positions").struct.field("speaker"),
            position=pl.col("positions").struct.field("value"),
            via=pl.col("positions").struct.field("via").list.join(", "),
            claim_ids=pl.col("positions").struct.field("claims").list.join(", "),
        )
        .select("group", "claimant", "position", "via", "claim_ids", "rule")
    )
    return (
        GT(rows)
        .tab_header(title=title)
        .tab_stub(rowname_col="claimant", groupname_col="group")
        .tab_stubhead(label="Claimant")
        .cols_label(position="Position", via="Via", claim_ids="Claim ids", rule="Rule")
        .tab_style(style.text(weight="bold"), loc.body(columns="position"))
        .tab_style(style.text(size="x-small", font="monospace"), loc.body(columns=["claim_ids", "rule"]))
        .opt_row_striping()
    )


def spellings(mentions: pl.DataFrame, entities: pl.DataFrame) -> pl.DataFrame:
    """One row per entity with several spellings, one column per article: the spellings the
    article uses, each with how often ("Tyotkino ×2"), empty where the article never names it."""
    several = entities.filter(pl.col("aliases").list.len() > 1).select(
        pl.col("id").alias("entity"), "name", "type", "mentions"
    )
    forms = (
        mentions.join(several, on="entity", how="inner")
        .group_by("entity", "article", "text")
        .len()
        .sort("entity", "article", "len", "text", descending=[False, False, True, False])
        .with_columns(
            form=pl.when(pl.col("len") > 1)
            .then(pl.col("text") + " ×" + pl.col("len").cast(pl.String()))
            .otherwise("text")
        )
        .group_by("entity", "article", maintain_order=True)
        .agg(pl.col("form").str.join(", "))
    )
    wide = forms.pivot(on="article", index="entity", values="form", sort_columns=True)
    return (
        several.join(wide, on="entity", how="left")
        .sort("mentions", "entity", descending=[True, False])
        .drop("mentions")
    )


def spellings_table(mentions: pl.DataFrame, entities: pl.DataFrame, *, title: str) -> GT:
    """`spellings` as a table: entities grouped by type, articles as columns."""
    rows = spellings(mentions, entities)
    articles = [c for c in rows.columns if c not in ("entity", "name", "type")]
    return (
        GT(rows.drop("entity"))
        .tab_header(title=title)
        .tab_stub(rowname_col="name", groupname_col="type")
        .tab_stubhead(label="Entity")
        .tab_spanner(label="Spellings in each article", columns=articles)
        .sub_missing(missing_text="")
        .tab_style(style.text(size="small"), loc.body(columns=articles))
        .opt_row_striping()
    )
