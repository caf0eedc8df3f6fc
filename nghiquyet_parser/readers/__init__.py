"""Format readers behind `nghiquyet_parser.read` (the stage entry point).

One module per input family, each turning bytes into Unicode text and saying how
it decided: `text` (byte encodings, including the legacy Vietnamese font encodings
through `legacy`), `docx`, `pdf`, `html` and `doc`. They raise `InputError` for
anything a user can cause and never return partial garbage silently.
"""
