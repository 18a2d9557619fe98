"""Content: the texts, facts and topics that Wegwijs shows, kept outside Python."""
