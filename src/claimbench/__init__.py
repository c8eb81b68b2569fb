"""claimbench: a workbench for fact-claim verification.

Stages, each a subpackage, data flowing one way:
``claims`` (text -> Document -> claims, attributions, denials -> pairs),
``models`` (pairs -> NLI predictions), ``eval`` (predictions -> metrics, reports).
No stage imports a later one. Heavy libraries (torch, transformers, spaCy) are
imported lazily, inside the functions that need them, so ``import claimbench``
and ``claimbench --help`` stay fast.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
