"""Vale styles in tonecheck, in three modules with one job each.

- ``ini``: read a ``.vale.ini`` (``StylesPath``, ``MinAlertLevel``, ``Vocab``,
  ``BasedOnStyles`` and ``Style.Rule = YES/NO`` in ``[glob]`` sections).
- ``translate``: a Vale rule mapping -> a tonecheck rule mapping.  This is rule
  loading: ``tonecheck.rules`` uses it for Vale styles given to ``--rules``.
- ``run``: lint a folder "like Vale" (``tonecheck vale``): a front end that
  builds one ordinary ``Linter`` over the translated rules.

This package file imports nothing, so rule loading can import ``translate``
without pulling in the engine.
"""
