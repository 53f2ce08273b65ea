"""`python -m perfsite` is the same as the `perfsite` console script."""

from perfsite.cli import main

raise SystemExit(main())
