"""Appeal letters: templates (sandboxed Jinja2 files, built-in and the user's own), evidence
the seller records per notice, drafting from the stored facts, and export (txt / docx; PDF in
``shopwatch.ui.pdf_export``). No Qt here: the GUI page and the CLI both build on this."""
