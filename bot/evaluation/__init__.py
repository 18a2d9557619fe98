"""Measuring the assistant: held-out intent accuracy, language identification."""
