"""Form definitions, answers, conditions and scoring: the Qt-free core of Samenspraak."""
