"""From passages to a cited answer, or to "nothing found".

The extractive composer, the support check that decides whether to answer, answers from
the activity register, and the JSON shapes of answers and citations."""
