"""Handing a conversation to a person: ownership state, handoffs, transitions."""
