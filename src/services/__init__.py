"""Qt-free use cases between the windows and the store: the conversation, the self-report and
its discussion, and the export jobs."""
