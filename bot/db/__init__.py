"""Wegwijs' own tables (partners, handoffs, caseworkers, audit) in SQLAlchemy 1.4, 2.0 style."""
