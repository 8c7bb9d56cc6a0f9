"""Reusable widgets and light table models shared by CoachDesk's pages and dialogs."""
