import sys

from druglint.cli import main

sys.exit(main())
