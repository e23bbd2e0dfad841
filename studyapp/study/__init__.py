"""Flashcard study: a queue of due and new questions, rated 1-4 and scheduled by FSRS."""
