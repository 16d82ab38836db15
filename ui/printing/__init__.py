"""The printed receipt: one layout (a QTextDocument) shared by screen, printer and PDF."""
