"""Reading corpus files into documents, cleaning their text and cutting it into chunks.

One loader module per format; every loader hands back structural blocks (headings,
paragraphs, list items, table rows) that `clean` tidies and `chunk` cuts into citable chunks."""
