"""What a pipeline stage reports back, identically to the CLI and to Dagster."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class StageResult:
    stage: str  # land | build | check | publish | report
    stichtag: date
    ok: bool = True
    #: True when this stage's findings block publication of the Stichtag.
    blocks_publication: bool = False
    #: Human-readable lines, each naming file, row and rule where it applies.
    messages: list[str] = field(default_factory=list)
    #: Machine-readable details for Dagster metadata (counts, paths, ...).
    details: dict = field(default_factory=dict)

    def fail(self, message: str, *, block: bool = True) -> None:
        self.ok = False
        self.blocks_publication = self.blocks_publication or block
        self.messages.append(message)

    def summary(self) -> str:
        state = "ok" if self.ok else ("BLOCKIERT" if self.blocks_publication else "FEHLER")
        return f"[{self.stichtag.isoformat()}] {self.stage}: {state}"
