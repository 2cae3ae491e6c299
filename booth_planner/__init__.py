"""Booth planner for Indonesian regional product exhibitions: the domain, free of any UI."""

__version__ = "0.1.0"
