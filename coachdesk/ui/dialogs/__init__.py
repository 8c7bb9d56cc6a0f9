"""Dialogs: small windows that edit one thing and call one service to save it."""
