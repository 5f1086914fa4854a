"""The Word round trip, its reading half: a DOCX, edited in Word, back into the YAML
fragments it was built from (docx_reader: the DOCX as blocks; merge: what they change;
fragments: the files, changed in every language; steps: one import, or a branch of
commits)."""
