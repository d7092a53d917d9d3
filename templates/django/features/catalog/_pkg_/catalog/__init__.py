"""The catalog example: books, authors, publishers and genres, with optimised queries."""
