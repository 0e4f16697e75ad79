"""The encrypted local store: clients, sessions, answers, consent and the audit log."""
