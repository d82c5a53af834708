"""The bundle's entry point: the `paralign` command, as a script PyInstaller can start from."""

import multiprocessing
import sys

from viewer.launch import main

if __name__ == "__main__":
    # A spawned worker process re-runs this executable: let it become the worker, not a second paralign.
    multiprocessing.freeze_support()
    sys.exit(main())
