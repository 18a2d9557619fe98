"""Wegwijs: a multilingual guidance assistant for newcomers in Dutch municipalities."""
