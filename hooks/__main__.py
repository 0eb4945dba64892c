import sys

from hooks.cli.main import main

sys.exit(main())
