"""``check``'s warnings for placeholders: values an import wrote because its DOCX did
not give them (meeting.yaml's ``placeholders:``). They check and build, so the new
meeting can be looked at; the warning stays until someone writes the real value."""

from __future__ import annotations

from rapporteur.diagnostics import Diagnostic, Position
from rapporteur.load.content import Library, MeetingContent


def placeholder_warnings(library: Library) -> list[Diagnostic]:
    return [
        Diagnostic(
            _where(meeting, index, name),
            f"placeholder: {name} was not in the imported DOCX; write it, then take "
            f"'{name}' out of placeholders",
            "warning",
        )
        for meeting in library.meetings.values()
        for index, name in enumerate(meeting.meeting.record.placeholders)
    ]


def _where(meeting: MeetingContent, index: int, name: str) -> Position:
    """The key a placeholder names in meeting.yaml, the first line of the fragment it
    names, or else its own entry in the list."""
    fragment = meeting.folder / name
    if name.endswith(".yaml") and fragment.is_file():
        return Position(fragment, 1, 1)
    steps = name.split(".")
    record: object = meeting.meeting.record
    for step in steps:
        record = getattr(record, step, None)
        if record is None:
            return meeting.meeting.at("placeholders", index)
    return meeting.meeting.at(*steps)
