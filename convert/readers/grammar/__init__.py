"""The Danish minutes grammar: one recognizer that every reader of unstructured documents feeds with
lines (item starts, blocks, decision points, attachments, front matter, furniture, dates,
numbering), and its vocabulary, one data file per system family in ``vocabulary/``."""
