"""The DMVES cross-check: does each matrix row still point at the text it describes?

The matrix cites S1SR clauses by reference only, so a renumbering silently re-points it.
Three rules catch that from both sides: a row citing a clause that does not exist, a row
whose SRV or Device Model its clause never mentions (an error only when the clause names a
different one instead, the positive evidence that the row now points at other text; a
terse clause that names nothing is left to the matrix and only noted),
and a section-18 clause naming an SRV or Device Model that no row covers (the text the
row meant has moved away from it).
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from docgen.checks import INFO, WARNING, Finding, default_severity
from docgen.checks.context import LintContext
from docgen.model import Clause, Matrix, MatrixRow
from docgen.transforms.wording import cell_srv_numbers, clause_wording, contains_phrase, contains_srv, named_models, normalise_text, row_srv_numbers, srv_numbers
from docgen.refs.patterns import TOP_NUMBER

UNKNOWN = "dmves/unknown-clause"
UNMAPPED = "dmves/unmapped-clause"
MISMATCH = "dmves/content-mismatch"
_READER_WARNING = re.compile(r"^(?P<where>.+?![A-Z]{1,3}\d+): (?P<problem>.*)$")
_END_POSITION = 1 << 29


def live_rows(matrix: Matrix) -> list[MatrixRow]:
    return [r for r in matrix.rows if not r.removed]


def matrix_models(matrix: Matrix) -> list[str]:
    """The Device Model names the matrix uses, each once, in first-seen order."""
    seen: dict[str, str] = {}
    for row in live_rows(matrix):
        for name in row.device_models:
            seen.setdefault(normalise_text(name), name)
    return list(seen.values())


def check_dmves(ctx: LintContext, matrix: Matrix, *, sections: Iterable[str] = ("18",)) -> list[Finding]:
    rows = live_rows(matrix)
    models = matrix_models(matrix)
    checker = _Checker(ctx, matrix, rows, models, frozenset(sections))
    findings = list(checker.reader_warnings())
    findings.extend(checker.row_findings())
    findings.extend(checker.unmapped())
    return findings


class _Checker:
    """One matrix against one document; caches the texts it compares."""

    def __init__(self, ctx: LintContext, matrix: Matrix, rows: list[MatrixRow], models: list[str], sections: frozenset[str]):
        self.ctx = ctx
        self.matrix = matrix
        self.rows = rows
        self.models = models
        self.sections = sections
        self._own: dict[int, str] = {}
        self._row_order = {id(r): i for i, r in enumerate(rows)}
        # (clause, its own normalised text) for the sections the matrix must cover.
        self.section_clauses = [(c, normalise_text(c.text)) for c in ctx.doc.clauses if self.in_sections(c)]

    # ----------------------------------------------------------------- texts
    def own_text(self, clause: Clause) -> str:
        """The clause with its sub-items, normalised: what a row for it may name."""
        key = id(clause)
        if key not in self._own:
            self._own[key] = clause_wording(clause)
        return self._own[key]

    def with_lead_in(self, clause: Clause) -> str:
        lead = normalise_text(clause.parent.text) if clause.parent is not None else ""
        return f"{self.own_text(clause)} {lead}"

    def in_sections(self, clause: Clause) -> bool:
        m = TOP_NUMBER.match(clause.ref)
        return bool(m) and m.group(1) in self.sections

    # --------------------------------------------------------------- findings
    def _finding(self, rule: str, row: MatrixRow, message: str, severity: str | None = None) -> Finding:
        clause = self.ctx.by_ref.get(row.ref)
        position = self.ctx.position(clause) if clause is not None else (_END_POSITION,)
        return Finding(
            rule=rule,
            severity=severity or default_severity(rule),
            ref=row.ref,
            file=self.matrix.source,
            location=row.location,
            message=message,
            position=position + (self._row_order.get(id(row), 0),),
        )

    def reader_warnings(self) -> Iterator[Finding]:
        """Cells the reader could not use are references the lint cannot check either."""
        for text in self.matrix.metadata.get("warnings", []) or []:
            m = _READER_WARNING.match(str(text))
            if m is None:
                continue
            problem = m.group("problem")
            severity = None if "not a clause reference" in problem else WARNING
            yield Finding(
                rule=UNKNOWN,
                severity=severity or default_severity(UNKNOWN),
                ref="",
                file=self.matrix.source,
                location=m.group("where"),
                message=f"The DMVES cell {m.group('where')} in {self.ctx.name_of(self.matrix.source)}: {problem}. Correct the cell so it cites one clause of {self.ctx.name}.",
                position=(_END_POSITION, 1 << 20),
            )

    def row_findings(self) -> Iterator[Finding]:
        matrix_name = self.ctx.name_of(self.matrix.source)
        for row in self.rows:
            clause = self.ctx.by_ref.get(row.ref)
            where = row.location
            if clause is None:
                yield self._finding(
                    UNKNOWN,
                    row,
                    f"The DMVES row at {where} in {matrix_name} cites {row.ref} "
                    f"(written '{row.ref_as_written}'), but {self.ctx.name} has no clause "
                    f"{row.ref}. Correct the reference in the matrix, or restore the clause if "
                    "it was removed or renumbered.",
                )
                continue
            text = self.with_lead_in(clause)
            missing_srvs = [s for s in row.srv if any(not contains_srv(text, n) for n in cell_srv_numbers(s))]
            missing_models = [m for m in row.device_models if not contains_phrase(text, m)]
            if not missing_srvs and not missing_models:
                continue
            missing = " and ".join(
                part
                for part in (
                    ", ".join(missing_models) if missing_models else "",
                    ", ".join(missing_srvs) if missing_srvs else "",
                )
                if part
            )
            hint = self._where_named(row)
            others = self._other_names(clause, row)
            them = "it" if len(missing_models) + len(missing_srvs) == 1 else "them"
            if others:
                yield self._finding(
                    MISMATCH,
                    row,
                    f"The DMVES row at {where} in {matrix_name} ties {row.ref} to {missing}, but "
                    f"{row.ref} ({self.ctx.at(clause)}) names {others} instead and neither it nor its "
                    f"lead-in mentions {them}, so the row points at other text.{hint} Check whether "
                    "the clause was renumbered and correct the document's numbering or the row's reference.",
                )
                continue
            # No positive evidence: terse clauses often leave the model or SRV to the matrix.
            yield self._finding(
                MISMATCH,
                row,
                f"The DMVES row at {where} in {matrix_name} ties {row.ref} to {missing}, which "
                f"{row.ref} ({self.ctx.at(clause)}) and its lead-in do not name; they name no other "
                f"Device Model or SRV either, so nothing says the row points at other text.{hint} "
                "If the row should cite another clause, correct its reference.",
                severity=INFO,
            )

    def _other_names(self, clause: Clause, row: MatrixRow) -> str:
        """The Device Models and SRVs the clause itself names that the row does not: the
        positive evidence that a row whose names the clause lacks points at other text.
        Empty when the row's missing kind has no rival in the clause."""
        text = self.own_text(clause)
        row_numbers = set(row_srv_numbers(row))
        row_models = {normalise_text(m) for m in row.device_models}
        other_models = sorted(m for m in named_models(text, self.models, guess=False) if normalise_text(m) not in row_models)
        other_srvs = sorted(n for n in srv_numbers(text) if n not in row_numbers)
        missing_models = any(not contains_phrase(self.with_lead_in(clause), m) for m in row.device_models)
        missing_srvs = any(not contains_srv(self.with_lead_in(clause), n) for n in row_numbers)
        parts = (other_models if missing_models else []) + ([f"SRV {n}" for n in other_srvs] if missing_srvs else [])
        return ", ".join(parts)

    def _where_named(self, row: MatrixRow) -> str:
        """' The text naming them is at 18.5(w).' when exactly one clause names all of them."""
        numbers = row_srv_numbers(row)
        if not numbers and not row.device_models:
            return ""
        hits = [
            c
            for c, text in self.section_clauses
            if c.ref != row.ref
            and all(contains_srv(text, n) for n in numbers)
            and all(contains_phrase(text, m) for m in row.device_models)
        ]
        if len(hits) != 1:
            return ""
        return f" The clause that names them is {hits[0].ref}{self.ctx.page_note(hits[0])}."

    def _covered(self) -> set[int]:
        """Clauses a row covers: its own clause; the sub-items of a covered item (a row for
        18.5(p) covers 18.5(p)(i)) but not the items of a covered clause (18.5 is not
        18.5(a)); and every clause above a covered one, whose lead-in the row implies."""
        covered: set[int] = set()
        for row in self.rows:
            clause = self.ctx.by_ref.get(row.ref)
            if clause is None:
                continue
            covered.add(id(clause))
            ref = clause.ref_value
            if ref is not None and ref.points:
                covered.update(id(d) for d in clause.descendants())
            up = clause.parent
            while up is not None and id(up) not in covered:
                covered.add(id(up))
                up = up.parent
        return covered

    def unmapped(self) -> Iterator[Finding]:
        covered = self._covered()
        by_name: dict[str, list[MatrixRow]] = {}
        for row in self.rows:
            for name in row.device_models:
                by_name.setdefault(normalise_text(name), []).append(row)
        for clause, _ in self.section_clauses:
            if id(clause) in covered:
                continue
            srvs = srv_numbers(clause.text)
            models = named_models(clause.text, self.models, guess=False)
            if not srvs and not models:
                continue
            named = ", ".join(sorted(models) + [f"SRV {n}" for n in sorted(srvs)])
            yield self._clause_finding(clause, named, self._rows_naming(clause, models, srvs, by_name))

    def _rows_naming(self, clause: Clause, models: set[str], srvs: set[str], by_name: dict[str, list[MatrixRow]]) -> list[MatrixRow]:
        """Rows (for other clauses) that name the same Device Model and an SRV of this clause."""
        out: list[MatrixRow] = []
        for model in sorted(models):
            for row in by_name.get(normalise_text(model), []):
                if row.ref == clause.ref:
                    continue
                if srvs and not set(row_srv_numbers(row)) & srvs:
                    continue
                out.append(row)
        return out

    def _clause_finding(self, clause: Clause, named: str, rows: list[MatrixRow]) -> Finding:
        hint = ""
        if rows:
            row = rows[0]
            hint = (
                f" The row at {row.location} for {row.ref} names the same: if this clause "
                f"was {row.ref} before a renumbering, restore that number; otherwise add a DMVES "
                "row for the clause, one per Device Model."
            )
        else:
            hint = " Add a DMVES row for the clause, one per Device Model."
        return Finding(
            rule=UNMAPPED,
            severity=default_severity(UNMAPPED),
            ref=clause.ref,
            file=self.ctx.file,
            location=self.ctx.where(clause),
            message=(
                f"{clause.ref} ({self.ctx.at(clause)}) names {named} but no "
                f"row of {self.ctx.name_of(self.matrix.source)} covers it.{hint}"
            ),
            position=self.ctx.position(clause),
            **self.ctx.place(clause),
        )


__all__ = ["check_dmves", "live_rows", "matrix_models"]
