"""Waiting-room self-report mode: the parent fills in a form herself, then hands the laptop back."""
