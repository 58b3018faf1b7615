"""Building the index from the corpus and opening it for reading.

Build (load, chunk, embed, write a new generation, switch to it in one step), the stored
index (SQLite, FAISS, BM25, sentence windows), document versions, background builds,
watching the corpus folder and checking uploads."""
