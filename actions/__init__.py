"""Wegwijs custom actions, one module per domain. Each action is thin: it calls bot/."""
