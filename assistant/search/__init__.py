"""From a question to ranked passages: question handling, hybrid retrieval and the lexicon."""
