"""Default settings shared by the library and the command line, declared once.

No imports: the command line reads these for its ``--help`` without loading any stage.
"""

TOP_K = 8                 # candidate claims per denial from its own document (verify.pairing)
CROSS_TOP_K = 3           # ... and from the other documents
MAX_CHARS = 1_000_000     # longest document accepted (spaCy's default max_length; 0: no limit)
TUNE_DOCS = 9             # gold documents (sorted) that tune the pair classifier; the rest are held out
BATCH_SIZE = 32           # pairs per NLI batch
N_BOOTSTRAP = 1000        # bootstrap resamples of an evaluation run's confidence intervals
