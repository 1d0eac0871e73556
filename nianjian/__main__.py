"""`python -m nianjian …` is the same as the `nianjian` command."""

import sys

from nianjian.edit.cli import main

sys.exit(main())
